// `npm start -w @braid/api`: env → database → migrations → bootstrap → HTTP.
import { nodePackagesReport } from '@braid/sdk/server';
import { exitOnStartupError, followLauncher, preflight, reportReady } from '@braid/temporal/server';
import { bootstrapOptionsFromEnv } from './bootstrap';
import { createJourneyRuntime } from './journeys';
import { startApi } from './server';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// Under the launcher: exit when it is gone, report "ready" to it once listening.
followLauncher();
// BRAID_DATABASE_URL (default: braid.db in BRAID_DATA_DIR) and TEMPORAL_ADDRESS checked first: a
// wrong one is a single line naming it, and exit 1.
const { db, client } = await preflight().catch(exitOnStartupError('braid api'));
// Journeys (runtime): Temporal client from TEMPORAL_* env, routes and the ingestion → routing hook.
const journeys = createJourneyRuntime({ db: db.db, client });
// Node packages (BRAID_NODE_PACKAGES) load before listening and are listed; a faulty one is
// refused with its name and reason and the others run. Two packages claiming one id stop the start.
const nodePackages = await journeys.loadNodeTypes().catch((error: unknown) => {
  console.error(`braid api: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const nodeReport = nodePackagesReport(nodePackages);
for (const line of nodeReport.info) console.log(line);
for (const line of nodeReport.warnings) console.warn(`braid api: ${line}`);
const api = await startApi({
  db,
  port: Number.isFinite(port) ? port : 3000,
  host,
  bootstrap: bootstrapOptionsFromEnv(),
  onEventsIngested: journeys.onEventsIngested,
  registerRoutes: journeys.registerRoutes,
  onEngaged: journeys.onEngaged,
  // The launcher points this at apps/web/dist; unset (development) leaves the web app to Vite.
  webDist: process.env.BRAID_WEB_DIST || undefined,
});
console.log(`Braid API listening on ${api.url} (docs: ${api.url}/api/docs)`);
reportReady();
// Durable routing: events whose routing a crash interrupted are replayed, lost enrollments mended.
const recovery = journeys.startRecovery();
// Segments: profile changes, scheduled re-evaluation as windows expire, enrolment of joiners.
const segmentUpkeep = journeys.startSegmentUpkeep();

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void api
      .close()
      .then(() => recovery?.stop())
      .then(() => segmentUpkeep.stop())
      .then(() => process.exit(0));
  });
}
