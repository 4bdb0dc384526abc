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
}

export interface BootstrapResult {
  workspaceId: string;
  created: boolean;
  /** Only when generated now: the one time they are visible. */
  generated?: { writeKey: string; adminToken: string; adminEmail?: string; adminPassword?: string };
}

export function bootstrapOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BootstrapOptions {
  return {
    writeKey: env.BRAID_BOOTSTRAP_WRITE_KEY || undefined,
    adminToken: env.BRAID_BOOTSTRAP_ADMIN_TOKEN || undefined,
    adminEmail: env.BRAID_BOOTSTRAP_ADMIN_EMAIL || undefined,
    adminPassword: env.BRAID_BOOTSTRAP_ADMIN_PASSWORD || undefined,
    workspaceName: env.BRAID_WORKSPACE_NAME || undefined,
  };
}

export async function bootstrap(db: Db, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const [first] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (!first) {
    const generate = !options.writeKey || !options.adminToken;
    const writeKey = options.writeKey ?? randomToken('bwk');
    const adminToken = options.adminToken ?? randomToken('bat');
    const admin = options.adminEmail
      ? { email: options.adminEmail, password: options.adminPassword ?? randomToken('pw') }
      : undefined;
    const made = await createWorkspace(db, {
      name: options.workspaceName ?? 'Default workspace',
      writeKey,
      adminToken,
      admin,
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
