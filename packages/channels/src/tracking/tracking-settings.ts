import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TrackingLinks } from './rewrite-html';

export type TrackingSettings = TrackingLinks;

// Same default as the API and the worker: the libSQL file inside BRAID_DATA_DIR (default ./data).
const defaultDatabaseUrl = (env: Record<string, string | undefined>) => `file:${join(env.BRAID_DATA_DIR || './data', 'braid.db')}`;
export const TRACKING_SECRET_FILE = 'tracking-secret';

function localDirectory(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('file:')) return null;
  const path = databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0] ?? '';
  if (path === '' || path.startsWith(':memory:')) return null;
  return dirname(resolve(path));
}

/**
 * The secret shared by whoever writes tracked links (the worker) and whoever checks them (the
 * API). A random secret is written once, next to the local database, by whichever process comes
 * first ('wx': the other one reads it), so both agree and it survives restarts. Derived from
 * nothing guessable: a secret computed from the database path could be recomputed by anyone.
 */
function secretNextToDatabase(databaseUrl: string): string | null {
  const dir = localDirectory(databaseUrl);
  if (!dir) return null;
  const file = join(dir, TRACKING_SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    // Not there yet.
  }
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  return readFileSync(file, 'utf8').trim() || null;
}

/**
 * BRAID_TRACKING_SECRET signs open/click tokens; without it, a random secret kept in
 * `<database directory>/tracking-secret` is used when the database is a local file. With a remote
 * database and no secret, tracking is off (links are not rewritten, /t answers 404).
 * BRAID_TRACKING_BASE_URL (or BRAID_PUBLIC_URL) is the API's public address for links in emails;
 * default http://localhost:$PORT (3000). BRAID_TRACKING=off turns tracking off.
 */
export function trackingSettingsFromEnv(env: Record<string, string | undefined> = process.env): TrackingSettings | null {
  if (['off', 'false', '0', 'no'].includes((env.BRAID_TRACKING ?? '').toLowerCase())) return null;
  const secret = env.BRAID_TRACKING_SECRET || secretNextToDatabase(env.BRAID_DATABASE_URL || defaultDatabaseUrl(env));
  if (!secret) return null;
  const baseUrl = env.BRAID_TRACKING_BASE_URL || env.BRAID_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  return { secret, baseUrl };
}
