// startApi: open the database, migrate, bootstrap, listen. Used by main.ts, tests, the launcher.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDb, DEFAULT_DATABASE_URL, migrate, type BraidDb } from '@braid/db';
import { createApp, type AppDeps } from './app';
import { bootstrap, printGenerated, type BootstrapOptions, type BootstrapResult } from './bootstrap';

export interface StartApiOptions {
  /** An already open database; otherwise `databaseUrl` is opened (and closed on close()). */
  db?: BraidDb;
  databaseUrl?: string;
  /** 0 picks a free port; the bound one is returned. */
  port?: number;
  host?: string;
  /** false skips bootstrap (tests that set up workspaces themselves). */
  bootstrap?: BootstrapOptions | false;
  onEventsIngested?: AppDeps['onEventsIngested'];
  registerRoutes?: AppDeps['registerRoutes'];
  webDist?: AppDeps['webDist'];
  onEngaged?: AppDeps['onEngaged'];
  ingestBodyTimeoutMs?: AppDeps['ingestBodyTimeoutMs'];
  log?: (line: string) => void;
}

export interface RunningApi {
  port: number;
  url: string;
  db: BraidDb;
  app: ReturnType<typeof createApp>;
  bootstrap: BootstrapResult | null;
  close: () => Promise<void>;
}

export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const log = options.log ?? console.log;
  const owned = !options.db;
  const db = options.db ?? (await createDb(options.databaseUrl ?? DEFAULT_DATABASE_URL));
  await migrate(db.db);
  const boot = options.bootstrap === false ? null : await bootstrap(db.db, options.bootstrap ?? {});
  if (boot) printGenerated(boot, log);
  const app = createApp({
    db: db.db,
    onEventsIngested: options.onEventsIngested,
    registerRoutes: options.registerRoutes,
    webDist: options.webDist,
    onEngaged: options.onEngaged,
    ingestBodyTimeoutMs: options.ingestBodyTimeoutMs,
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed = false;
  return {
    port,
    url,
    db,
    app,
    bootstrap: boot,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive clients must not hold shutdown open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      if (owned) db.close();
    },
  };
}
