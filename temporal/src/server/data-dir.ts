// BRAID_DATA_DIR: the one folder that holds every local file of an instance (the libSQL database,
// Temporal's SQLite file, the tracking secret, the launcher's pid files), so two instances with
// different folders share nothing.
import { join, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

/** Absolute data folder: BRAID_DATA_DIR, relative to the working directory; default ./data. */
export function dataDirFromEnv(env: Env = process.env): string {
  return resolve(env.BRAID_DATA_DIR || 'data');
}

/** BRAID_DATABASE_URL, or the libSQL file inside the data folder. */
export function databaseUrlFromEnv(env: Env = process.env): string {
  return env.BRAID_DATABASE_URL || `file:${join(dataDirFromEnv(env), 'braid.db')}`;
}
