// The whole Braid system for end-to-end tests, on free ports with a temp data dir: the real
// Temporal dev server, the API (with journeys wired exactly as apps/api/src/main.ts does, serving
// the built web app) and a worker.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from '@braid/api';
import type { RunningApi } from '@braid/api';
import { createDb, migrate } from '@braid/db';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { BraidDb } from '@braid/db';
import { connectTemporalClient } from '@braid/temporal';
import { startDevServer } from '../../temporal/src/server';
import type { DevServer } from '../../temporal/src/server';
import { startWorker } from '../../temporal/src/worker/index';
import type { RunningWorker } from '../../temporal/src/worker/index';
import { audiencesFromEnv, channelsFromEnv } from '../../temporal/src/worker/channels';
import { defaultImplementations } from '../../temporal/src/worker/implementations';
import { createJourneyRuntime } from '../../apps/api/src/journeys';

export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/**
 * Tests run at any hour, but a new workspace holds marketing messages 21:00–08:00 Vietnam time:
 * the systems the tests start have quiet hours off, so that what a journey sends goes now (quiet
 * hours and Decree 91 have their own tests). `bootstrap` for an API started in process, `env` for
 * Braid started as `npm start` starts it, bootstrapping from its environment.
 */
export const quietHoursOff = { bootstrap: { quietHours: false }, env: { BRAID_BOOTSTRAP_QUIET_HOURS: 'off' } } as const;

export type Credentials = { writeKey: string; adminToken: string; email: string; password: string };

export type BraidSystem = {
  webUrl: string;
  apiUrl: string;
  credentials: Credentials;
  dataDir: string;
  db: BraidDb;
  stop(): Promise<void>;
};

export type SystemOptions = {
  log?: (line: string) => void;
  keepData?: boolean;
  /**
   * Segment upkeep (profile changes, scheduled re-evaluation, enrolment of joiners) and routing
   * recovery run in the API process, as main.ts starts them. Off for a test that writes segment
   * members itself, which upkeep would correct.
   */
  backgroundUpkeep?: boolean;
};

let runtimeInstalled = false;

export async function startSystem(options: SystemOptions = {}): Promise<BraidSystem> {
  if (!runtimeInstalled) {
    // Worker state changes at INFO would drown the test output.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const log = options.log ?? ((line: string) => console.log(`[system] ${line}`));
  const dataDir = mkdtempSync(join(tmpdir(), 'braid-e2e-'));
  const credentials: Credentials = {
    writeKey: 'wk_e2e_write_key',
    adminToken: 'bat_e2e_admin_token',
    email: 'marketer@hoaban.vn',
    password: 'hoa-ban-food-2026',
  };
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST} has no index.html: run \`npm run build -w @braid/web\``);
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) {
      try {
        await s();
      } catch (e) {
        log(`stop: ${(e as Error).message}`);
      }
    }
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const temporal: DevServer = await startDevServer({ dataDir, port: 0, uiPort: 0, ui: false });
    stops.push(() => temporal.stop());
    log(`temporal ${temporal.address}`);

    const db = await createDb(`file:${join(dataDir, 'braid.db')}`);
    stops.push(() => db.close());
    await migrate(db.db);

    const client = await connectTemporalClient({ address: temporal.address, namespace: temporal.namespace });
    stops.push(() => client.connection.close());
    const journeys = createJourneyRuntime({ db: db.db, client });
    const api: RunningApi = await startApi({
      db,
      port: 0,
      bootstrap: {
        writeKey: credentials.writeKey,
        adminToken: credentials.adminToken,
        adminEmail: credentials.email,
        adminPassword: credentials.password,
        workspaceName: 'Hoa Ban Food',
        ...quietHoursOff.bootstrap,
      },
      onEventsIngested: journeys.onEventsIngested,
      registerRoutes: journeys.registerRoutes,
      // Opens and clicks (email links, on-site messages) become the customer's events, as in main.ts.
      onEngaged: journeys.onEngaged,
      // The API serves the built web app, as in production.
      webDist: WEB_DIST,
      log: () => undefined,
    });
    stops.push(() => api.close());
    log(`api ${api.url}`);
    if (options.backgroundUpkeep !== false) {
      const recovery = journeys.startRecovery();
      if (recovery) stops.push(() => recovery.stop());
      const upkeep = journeys.startSegmentUpkeep();
      stops.push(() => upkeep.stop());
    }

    const worker: RunningWorker = await startWorker({
      temporal: { address: temporal.address, namespace: temporal.namespace },
      // The client lets the worker enrol customers itself (broadcasts, date triggers), as in production.
      // Ad platforms from the environment (FACEBOOK_ADS_*, GOOGLE_ADS_*), as in production.
      deps: { db: db.db, client, channels: channelsFromEnv(db.db), audiences: audiencesFromEnv(db.db), implementations: await defaultImplementations() },
    });
    stops.push(() => worker.stop());
    log('worker polling');

    return { webUrl: api.url, apiUrl: api.url, credentials, dataDir, db, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
