// Hoa Ban Food's workspace served by the API alone, for the browser tests of what a marketer
// reads and edits: journeys are drafted, published and read there but never run (no Temporal),
// so the journey routes get no workflow client. A fresh libSQL file, the owner made by bootstrap,
// the built web app served as in production.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi, type RunningApi } from '@braid/api';
import { createDb, migrate, type BraidDb } from '@braid/db';
import { createJourneyRuntime, type JourneyRuntime } from '../../apps/api/src/journeys';
import { adminCaller, sendEvent, type Admin } from './ingest';
import { WEB_DIST } from './system';

/** Where the browser tests leave their screenshots. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export type Owner = { email: string; password: string };

export type Workspace = {
  url: string;
  db: BraidDb;
  owner: Owner;
  /** The owner's admin token, for setting up and reading back what the UI saved. */
  token: string;
  writeKey: string;
  admin: Admin;
  /** A track or identify call, as the shop's website sends it. */
  send(kind: 'track' | 'identify', body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
};

/**
 * Opens a fresh workspace named after the test (`name` keeps its files and keys apart).
 * `journeys` wires a runtime the test holds itself (e.g. to run segment upkeep).
 */
export async function openWorkspace(name: string, options: { owner?: Owner; journeys?: (db: BraidDb) => JourneyRuntime } = {}): Promise<Workspace> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const owner = options.owner ?? { email: 'lan@hoaban.vn', password: 'hoa-ban-food-2026' };
  const token = `bat_e2e_${name}_token`;
  const writeKey = `wk_e2e_${name}`;
  const dir = mkdtempSync(join(tmpdir(), `braid-e2e-${name}-`));
  let db: BraidDb | undefined;
  let api: RunningApi | undefined;
  const close = async () => {
    await api?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await createDb(`file:${join(dir, 'braid.db')}`);
    await migrate(db.db);
    const journeys = options.journeys?.(db) ?? createJourneyRuntime({ db: db.db, client: null });
    api = await startApi({
      db,
      port: 0,
      bootstrap: { writeKey, adminToken: token, adminEmail: owner.email, adminPassword: owner.password, workspaceName: 'Hoa Ban Food' },
      // The app shell loads the node catalogue after sign-in, so the journey routes are always there.
      registerRoutes: journeys.registerRoutes,
      ...(options.journeys ? { onEventsIngested: journeys.onEventsIngested } : {}),
      webDist: process.env.BRAID_WEB_DIST ?? WEB_DIST,
      log: () => undefined,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const url = api.url;
  return {
    url,
    db,
    owner,
    token,
    writeKey,
    admin: adminCaller(url, token),
    send: (kind, body) => sendEvent(url, writeKey, kind, body),
    close,
  };
}
