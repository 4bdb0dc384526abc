// Identity verification: a write key is public, so without it any page could call identify() with
// another customer's user id and take over their profile (their on-site messages, their history).
// The workspace's identity secret stays on the shop's server, which signs each logged-in user's id
// (userHash = HMAC-SHA256(secret, userId), hex); while verification is on, a write-key request
// naming a user id must carry that signature. The secret is sealed at rest like the VAPID private
// key (BRAID_SECRETS_KEY); one stored before a key was configured, or under a key since rotated,
// is sealed again with the current key when the settings are next read.
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { and, eq, isNull, websiteSettings, type DbOrTx } from '@braid/db';
import { isSealedText, keyringFromEnv, openText, sealText, SecretsKeyError } from '@braid/channels';
import { ApiError, type ErrorDetail } from '../errors';

const CACHE_MS = 5_000;
const boundTo = (workspaceId: string) => `identity-verification:${workspaceId}`;

/** What the shop's server computes for a user id: hex HMAC-SHA256 keyed by the secret's text. */
export function userHashOf(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;

/** Checks signatures for one workspace with verification on; the secret never leaves it. */
export class UserHashCheck {
  /** Prepared once: a KeyObject spares each HMAC the key's conversion. */
  private readonly key: KeyObject;

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  matches(userId: string, userHash: unknown): boolean {
    if (typeof userHash !== 'string' || !HEX_64.test(userHash)) return false;
    const expected = createHmac('sha256', this.key).update(userId, 'utf8').digest();
    return timingSafeEqual(expected, Buffer.from(userHash, 'hex'));
  }
}

/** The events of a request, as much as verification needs of them. */
export type NamedEvent = { userId?: string | null; userHash?: unknown };

/**
 * Refuses (403, naming `userHash` of each event at fault) a request in which an event names a
 * user id without its valid signature; `batch` names fields as `batch.3.userHash`.
 */
export function assertVerified(check: UserHashCheck, events: readonly NamedEvent[], batch: boolean): void {
  const details: ErrorDetail[] = [];
  // A snippet batch names the same user in every event: one HMAC per distinct (id, hash) pair.
  const seen = new Map<string, boolean>();
  for (let i = 0; i < events.length && details.length < 20; i++) {
    const { userId, userHash } = events[i]!;
    if (userId === undefined || userId === null) continue;
    const field = batch ? `batch.${i}.userHash` : 'userHash';
    if (userHash === undefined || userHash === null || userHash === '') {
      details.push({ field, message: `is required with userId "${userId}": HMAC-SHA256 of the user id with the workspace's identity secret, made on your server` });
      continue;
    }
    const pair = `${userId}\u0000${String(userHash)}`;
    let ok = seen.get(pair);
    if (ok === undefined) seen.set(pair, (ok = check.matches(userId, userHash)));
    if (!ok) details.push({ field, message: `does not match userId "${userId}" (64 hex characters: HMAC-SHA256 of the user id with the workspace's identity secret)` });
  }
  if (details.length === 0) return;
  throw new ApiError(
    403,
    'identity_not_verified',
    `This workspace verifies identities: an event naming a userId needs its userHash (${details[0]!.field}: ${details[0]!.message})`,
    details,
  );
}

type Entry = { check: UserHashCheck | null; unreadable: string | null; until: number };

/** Per workspace, whether verification is on and with what secret: read at most every CACHE_MS. */
export class IdentityVerification {
  private entries = new Map<string, Entry>();

  constructor(private readonly db: DbOrTx) {}

  /** The check to apply to write-key requests, or null while verification is off. */
  async of(workspaceId: string): Promise<UserHashCheck | null> {
    const now = Date.now();
    let entry = this.entries.get(workspaceId);
    if (!entry || entry.until <= now) {
      entry = await this.read(workspaceId, now);
      if (this.entries.size > 10_000) this.entries.clear();
      this.entries.set(workspaceId, entry);
    }
    if (entry.unreadable) {
      // Closed, not open: a secret the API cannot read must not switch verification off. 503 makes
      // clients retry, so the events arrive once the key is configured again.
      throw new ApiError(503, 'identity_secret_unreadable', `Identity verification is on but its secret cannot be read: ${entry.unreadable}`, [{ field: 'userHash', message: 'cannot be checked until BRAID_SECRETS_KEY opens the identity secret' }]);
    }
    return entry.check;
  }

  /** A change made through this process applies at once; other processes see it within CACHE_MS. */
  forget(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  private async read(workspaceId: string, now: number): Promise<Entry> {
    const row = await storedRow(this.db, workspaceId);
    const until = now + CACHE_MS;
    if (!row?.on) return { check: null, unreadable: null, until };
    if (!row.secret) return { check: null, unreadable: 'no secret is stored', until };
    try {
      return { check: new UserHashCheck(openText(row.secret, boundTo(workspaceId))), unreadable: null, until };
    } catch (error) {
      if (!(error instanceof SecretsKeyError)) throw error;
      return { check: null, unreadable: error.message, until };
    }
  }
}

export type IdentitySettings = { enabled: boolean; secret: string };

const newSecret = () => `biv_${randomBytes(32).toString('base64url')}`;

/** The workspace's secret and switch; the secret is made (and sealed) the first time it is asked for. */
export async function identitySettings(db: DbOrTx, workspaceId: string, now: () => number = Date.now): Promise<IdentitySettings> {
  const stored = await readSettings(db, workspaceId);
  if (stored) return stored;
  await db.insert(websiteSettings).values({ workspaceId, allowedOrigins: [], updatedAt: now() }).onConflictDoNothing();
  // Only where none is set yet: when two requests race, the first write wins and both read it back.
  await db
    .update(websiteSettings)
    .set({ identitySecret: sealText(newSecret(), boundTo(workspaceId)) })
    .where(and(eq(websiteSettings.workspaceId, workspaceId), isNull(websiteSettings.identitySecret)));
  const kept = await readSettings(db, workspaceId);
  if (!kept) throw new Error(`the identity secret of workspace ${workspaceId} could not be stored`);
  return kept;
}

/** A new secret: signatures made with the old one stop being accepted (within CACHE_MS everywhere). */
export async function rotateIdentitySecret(db: DbOrTx, workspaceId: string, now: () => number = Date.now): Promise<IdentitySettings> {
  await identitySettings(db, workspaceId, now);
  await db.update(websiteSettings).set({ identitySecret: sealText(newSecret(), boundTo(workspaceId)), updatedAt: now() }).where(eq(websiteSettings.workspaceId, workspaceId));
  return (await readSettings(db, workspaceId))!;
}

export async function setIdentityVerification(db: DbOrTx, workspaceId: string, enabled: boolean, now: () => number = Date.now): Promise<IdentitySettings> {
  await identitySettings(db, workspaceId, now);
  await db.update(websiteSettings).set({ identityVerification: enabled, updatedAt: now() }).where(eq(websiteSettings.workspaceId, workspaceId));
  return (await readSettings(db, workspaceId))!;
}

/** Sealed under the current key: plain text, or an old key after rotation, is sealed again when read. */
const sealedWith = (stored: string, keyId: string) => isSealedText(stored) && stored.startsWith(`sealed:v1.${keyId}.`);

async function storedRow(db: DbOrTx, workspaceId: string): Promise<{ on: boolean; secret: string | null } | undefined> {
  const [row] = await db
    .select({ on: websiteSettings.identityVerification, secret: websiteSettings.identitySecret })
    .from(websiteSettings)
    .where(eq(websiteSettings.workspaceId, workspaceId))
    .limit(1);
  return row;
}

async function readSettings(db: DbOrTx, workspaceId: string): Promise<IdentitySettings | null> {
  const row = await storedRow(db, workspaceId);
  if (!row?.secret) return null;
  const ring = keyringFromEnv();
  let secret: string;
  try {
    secret = openText(row.secret, boundTo(workspaceId), ring);
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    throw new ApiError(409, 'secrets_key_mismatch', `The identity secret cannot be read: ${error.message}`, [{ field: 'secret', message: error.message }]);
  }
  if (ring && !sealedWith(row.secret, ring.current.id)) {
    await db
      .update(websiteSettings)
      .set({ identitySecret: sealText(secret, boundTo(workspaceId), ring) })
      .where(and(eq(websiteSettings.workspaceId, workspaceId), eq(websiteSettings.identitySecret, row.secret)));
  }
  return { enabled: row.on, secret };
}
