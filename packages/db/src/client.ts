import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index';
import { serializeLocalClient } from './serialized-client';
import { installStatementCache } from './statement-cache';

export const DEFAULT_DATABASE_URL = 'file:./data/braid.db';

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema> & { $client: Client };
/** What `db.transaction(async (tx) => ...)` hands you; query helpers accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface BraidDb {
  db: Db;
  client: Client;
  close: () => void;
}

export interface CreateDbOptions {
  /** Turso / libSQL server auth token for `libsql://` URLs; default BRAID_DATABASE_AUTH_TOKEN. */
  authToken?: string;
  /** How long a write waits for another process's lock (ms). */
  busyTimeoutMs?: number;
}

function localPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  if (path === '' || path.startsWith(':memory:')) return null;
  return path.split('?')[0] ?? path;
}

/**
 * Open Braid's database. `file:` URLs get WAL (readers never block the writer) and a busy
 * timeout (the API and the worker may be separate processes). `libsql://` / `https://` URLs
 * go to a libSQL or Turso server unchanged.
 */
export async function createDb(url: string = DEFAULT_DATABASE_URL, options: CreateDbOptions = {}): Promise<BraidDb> {
  const path = localPath(url);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let client: Client;
  if (path !== null) {
    installStatementCache();
    mkdirSync(dirname(resolve(path)), { recursive: true });
    const raw = createClient({ url, timeout: busyTimeoutMs } as Parameters<typeof createClient>[0]);
    await raw.execute(`PRAGMA busy_timeout = ${Math.floor(busyTimeoutMs)}`);
    await raw.execute('PRAGMA journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only power loss can drop the
    // last commits, and it roughly doubles write throughput.
    await raw.execute('PRAGMA synchronous = NORMAL');
    await raw.execute('PRAGMA foreign_keys = ON');
    // Event indexes are written at random positions; a larger page cache (32 MB, per
    // connection) keeps their hot pages in memory instead of re-reading them.
    await raw.execute('PRAGMA cache_size = -32000');
    await raw.execute('PRAGMA temp_store = MEMORY');
    client = serializeLocalClient(raw);
  } else {
    // Turso / sqld: the token comes from the caller or BRAID_DATABASE_AUTH_TOKEN.
    const authToken = options.authToken ?? process.env.BRAID_DATABASE_AUTH_TOKEN;
    client = createClient(authToken ? { url, authToken } : { url });
  }
  const db = drizzle(client, { schema });
  return {
    db,
    client,
    close: () => client.close(),
  };
}
