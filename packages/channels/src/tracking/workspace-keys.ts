// Each workspace's own keys for signing tracked links (open, click, unsubscribe). Generated on
// first use, sealed at rest under BRAID_SECRETS_KEY when one is set (like the shops' signing
// secrets), and named in every link by key id: after a rotation, links already in inboxes keep
// working with the old key until it expires, while new links carry the new one.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, trackingKeys, type DbOrTx } from '@braid/db';
import { isSealedText, openText, sealText } from '../accounts/sealed-text';
import type { SecretKeyring } from '../accounts/secret-box';

export type SigningKey = { id: string; secret: string };

export type TrackingKeyStore = {
  /**
   * The key new links of this workspace are signed with; the first one is created on first use.
   * `currentKeyId`: the current key's id as the caller just read it (null: none yet). A cached key
   * with another id is read again at once, so a rotation reaches the very next send.
   */
  signingKey(workspaceId: string, currentKeyId?: string | null): Promise<SigningKey>;
  /** The secret of a key that still verifies links of this workspace; null when unknown or expired. */
  verifyingSecret(workspaceId: string, keyId: string): Promise<string | null>;
};

export type TrackingKeyInfo = { keyId: string; createdAt: number; retiredAt: number | null; expiresAt: number | null; current: boolean };

/** How long links signed with a replaced key keep working unless the rotation says otherwise. */
export const DEFAULT_KEEP_OLD_MS = 180 * 24 * 3_600_000;

const boundTo = (workspaceId: string, keyId: string) => `braid:tracking-key:${workspaceId}:${keyId}`;
const numberOf = (keyId: string) => Number(/^k(\d+)$/.exec(keyId)?.[1] ?? 0);
const nextId = (rows: { keyId: string }[]) => `k${Math.max(0, ...rows.map((r) => numberOf(r.keyId))) + 1}`;

/**
 * SQL for the current key's id of the workspace bound to `:ws` (the same rule as currentOf), for a
 * caller that reads it inside a larger statement and passes it to signingKey.
 */
export const CURRENT_TRACKING_KEY_SQL = `SELECT key_id FROM tracking_keys WHERE workspace_id = :ws AND retired_at IS NULL ORDER BY CAST(substr(key_id, 2) AS INTEGER) DESC LIMIT 1`;

async function rowsOf(db: DbOrTx, workspaceId: string) {
  return db.select().from(trackingKeys).where(eq(trackingKeys.workspaceId, workspaceId));
}

/** The key current for new links: the newest one not retired (while a rotation is half done, the new one). */
const currentOf = <T extends { keyId: string; retiredAt: number | null }>(rows: T[]): T | undefined =>
  rows.filter((r) => r.retiredAt === null).sort((a, b) => numberOf(b.keyId) - numberOf(a.keyId))[0];

async function insertKey(db: DbOrTx, ring: SecretKeyring | null, workspaceId: string, keyId: string, now: number): Promise<boolean> {
  const secret = randomBytes(32).toString('base64url');
  // The primary key (workspace, key id) makes two processes creating the same key agree on one row.
  const inserted = await db
    .insert(trackingKeys)
    .values({ workspaceId, keyId, secret: sealText(secret, boundTo(workspaceId, keyId), ring), createdAt: now })
    .onConflictDoNothing()
    .returning({ keyId: trackingKeys.keyId });
  return inserted.length > 0;
}

export function trackingKeyStore(db: DbOrTx, options: { ring: SecretKeyring | null; now?: () => number; cacheMs?: number }): TrackingKeyStore {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 5_000;
  const signing = new Map<string, { at: number; key: SigningKey }>();
  /** Secrets already opened, by their stored (sealed) value: the AES work is done once per key. */
  const opened = new Map<string, string>();

  const open = (workspaceId: string, row: { keyId: string; secret: string }) => openText(row.secret, boundTo(workspaceId, row.keyId), options.ring);

  return {
    async signingKey(workspaceId, currentKeyId) {
      const hit = signing.get(workspaceId);
      const stillCurrent = currentKeyId === undefined ? Boolean(hit && now() - hit.at < cacheMs) : hit?.key.id === currentKeyId;
      if (hit && stillCurrent) {
        if (currentKeyId !== undefined) hit.at = now();
        return hit.key;
      }
      let rows = await rowsOf(db, workspaceId);
      if (!currentOf(rows)) {
        await insertKey(db, options.ring, workspaceId, nextId(rows), now());
        rows = await rowsOf(db, workspaceId);
      }
      const row = currentOf(rows)!;
      const key = { id: row.keyId, secret: open(workspaceId, row) };
      signing.set(workspaceId, { at: now(), key });
      return key;
    },
    async verifyingSecret(workspaceId, keyId) {
      // Read every time (one primary-key lookup per open or click): a rotation that revokes a
      // leaked key at once must take effect on the next click, not after a cache expires.
      const [row] = await db
        .select()
        .from(trackingKeys)
        .where(and(eq(trackingKeys.workspaceId, workspaceId), eq(trackingKeys.keyId, keyId)))
        .limit(1);
      if (!row || (row.expiresAt != null && row.expiresAt <= now())) return null;
      let secret = opened.get(row.secret);
      if (secret === undefined) {
        secret = open(workspaceId, row);
        opened.set(row.secret, secret);
      }
      return secret;
    },
  };
}

/**
 * Replaces the workspace's signing key: new links use a fresh key, links signed with the old one
 * keep working for `keepOldMs` (0: refused from now on, e.g. after a leak).
 */
export async function rotateTrackingKey(
  db: DbOrTx,
  ring: SecretKeyring | null,
  input: { workspaceId: string; keepOldMs?: number; now: number },
): Promise<TrackingKeyInfo[]> {
  const rows = await rowsOf(db, input.workspaceId);
  const previous = rows.filter((r) => r.retiredAt === null);
  await insertKey(db, ring, input.workspaceId, nextId(rows), input.now);
  const expiresAt = input.now + (input.keepOldMs ?? DEFAULT_KEEP_OLD_MS);
  for (const old of previous) {
    await db
      .update(trackingKeys)
      .set({ retiredAt: input.now, expiresAt })
      .where(and(eq(trackingKeys.workspaceId, input.workspaceId), eq(trackingKeys.keyId, old.keyId), isNull(trackingKeys.retiredAt)));
  }
  return listTrackingKeys(db, input.workspaceId);
}

/** The workspace's keys without their secrets, newest first. */
export async function listTrackingKeys(db: DbOrTx, workspaceId: string): Promise<TrackingKeyInfo[]> {
  const rows = await rowsOf(db, workspaceId);
  const current = currentOf(rows)?.keyId;
  return rows
    .sort((a, b) => numberOf(b.keyId) - numberOf(a.keyId))
    .map((r) => ({ keyId: r.keyId, createdAt: r.createdAt, retiredAt: r.retiredAt ?? null, expiresAt: r.expiresAt ?? null, current: r.keyId === current }));
}

/** Seals keys stored in plain text (written before BRAID_SECRETS_KEY was set) or under an older key; returns how many changed. */
export async function resealTrackingKeys(db: DbOrTx, ring: SecretKeyring): Promise<number> {
  const rows = await db.select().from(trackingKeys);
  let changed = 0;
  for (const row of rows) {
    const sealedWith = isSealedText(row.secret) ? row.secret.split('.')[1] : null;
    if (sealedWith === ring.current.id) continue;
    const bound = boundTo(row.workspaceId, row.keyId);
    const secret = sealText(openText(row.secret, bound, ring), bound, ring);
    await db
      .update(trackingKeys)
      .set({ secret })
      .where(and(eq(trackingKeys.workspaceId, row.workspaceId), eq(trackingKeys.keyId, row.keyId), eq(trackingKeys.secret, row.secret)));
    changed += 1;
  }
  return changed;
}

/** Tracking settings that sign and verify with each workspace's own keys (the worker and the API both call this). */
export function withTrackingKeys<T extends { keys?: TrackingKeyStore }>(settings: T | null, db: DbOrTx, ring: SecretKeyring | null): T | null {
  return settings && !settings.keys ? { ...settings, keys: trackingKeyStore(db, { ring }) } : settings;
}

/** What the tracking routes check tokens with: the workspace keys, and the installation's secret for older links. */
export function trackingVerifier(settings: { secret: string; keys?: TrackingKeyStore }) {
  return {
    legacySecret: settings.secret || null,
    secretOf: (workspaceId: string, keyId: string) => (settings.keys ? settings.keys.verifyingSecret(workspaceId, keyId) : Promise.resolve(null)),
  };
}
