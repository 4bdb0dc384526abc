// First start: a default workspace with the credentials from the environment, or random ones
// printed once. Later starts add env credentials that are missing (so a new CI token works on
// a reused data folder) and never print secrets again.
import { apiKeys, asc, eq, users, workspaces, newId, type Db } from '@braid/db';
import { createApiKey } from './auth/keys';
import { hashPassword, randomToken, sha256 } from './auth/secrets';
import { createWorkspace } from './workspace-setup';

export interface BootstrapOptions {
  writeKey?: string | undefined;
  adminToken?: string | undefined;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  workspaceName?: string | undefined;
  /** Default quiet hours for the first workspace (on unless false; BRAID_BOOTSTRAP_QUIET_HOURS=off). */
  quietHours?: boolean | undefined;
}

export interface BootstrapResult {
  workspaceId: string;
  created: boolean;
  /** Only when generated now: the one time they are visible. */
  generated?: { writeKey: string; adminToken: string; adminEmail?: string; adminPassword?: string };
}

export const DEFAULT_ADMIN_EMAIL = 'admin@braid.local';

export function bootstrapOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BootstrapOptions {
  return {
    writeKey: env.BRAID_BOOTSTRAP_WRITE_KEY || undefined,
    adminToken: env.BRAID_BOOTSTRAP_ADMIN_TOKEN || undefined,
    // The first start creates a user to sign in with (its password printed once), as documented.
    adminEmail: env.BRAID_BOOTSTRAP_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL,
    adminPassword: env.BRAID_BOOTSTRAP_ADMIN_PASSWORD || undefined,
    workspaceName: env.BRAID_WORKSPACE_NAME || undefined,
    quietHours: env.BRAID_BOOTSTRAP_QUIET_HOURS === 'off' ? false : undefined,
  };
}

export async function bootstrap(db: Db, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  let [first] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (!first) {
    try {
      return await createFirstWorkspace(db, options);
    } catch (error) {
      // Replicas starting together on a fresh database: the one that lost the race (its
      // transaction rolled back on the admin's unique email) carries on with the winner's.
      [first] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
      if (!first) throw error;
    }
  }
  // Existing data: make sure explicitly configured credentials work, without printing anything.
  for (const [kind, secret] of [
    ['write', options.writeKey],
    ['admin', options.adminToken],
  ] as const) {
    if (!secret) continue;
    const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, sha256(secret))).limit(1);
    if (!row) await createApiKey(db, { workspaceId: first.id, kind, name: 'Bootstrap', secret });
  }
  if (options.adminEmail && options.adminPassword) {
    const email = options.adminEmail.trim().toLowerCase();
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (!user) {
      await db.insert(users).values({
        id: newId(),
        workspaceId: first.id,
        email,
        name: '',
        passwordHash: await hashPassword(options.adminPassword),
        role: 'owner',
        createdAt: Date.now(),
      });
    }
  }
  return { workspaceId: first.id, created: false };
}

async function createFirstWorkspace(db: Db, options: BootstrapOptions): Promise<BootstrapResult> {
  const generate = !options.writeKey || !options.adminToken;
  const writeKey = options.writeKey ?? randomToken('bwk');
  const adminToken = options.adminToken ?? randomToken('bat');
  const admin = options.adminEmail ? { email: options.adminEmail, password: options.adminPassword ?? randomToken('pw') } : undefined;
  const made = await createWorkspace(db, {
    name: options.workspaceName ?? 'Default workspace',
    writeKey,
    adminToken,
    admin,
    quietHours: options.quietHours,
  });
  const result: BootstrapResult = { workspaceId: made.workspace.id, created: true };
  if (generate || (admin && !options.adminPassword)) {
    result.generated = {
      writeKey,
      adminToken,
      ...(admin ? { adminEmail: admin.email, adminPassword: admin.password } : {}),
    };
  }
  return result;
}

export function printGenerated(result: BootstrapResult, log: (line: string) => void = console.log): void {
  if (!result.generated) return;
  const g = result.generated;
  log('');
  log('  Braid created your workspace. These credentials are shown once; keep them:');
  log(`    write key (ingestion):  ${g.writeKey}`);
  log(`    admin token (/api):     ${g.adminToken}`);
  if (g.adminEmail) log(`    login:                  ${g.adminEmail} / ${g.adminPassword}`);
  log('  Set BRAID_BOOTSTRAP_WRITE_KEY / BRAID_BOOTSTRAP_ADMIN_TOKEN to choose them yourself.');
  log('');
}
