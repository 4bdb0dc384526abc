// Braid's API with its journey runtime, in its own process for the shapes bench (CPU is measured
// per process). Answers "cpu" on stdin with its CPU time in microseconds.
import { createDb } from '@braid/db';
import { startApi } from '@braid/api';
import { createJourneyRuntime } from '../../apps/api/src/journeys/runtime';
import { connectTemporalClient } from '../src/client/connect';

const db = await createDb(process.env.BRAID_DATABASE_URL);
const client = await connectTemporalClient({ address: process.env.TEMPORAL_ADDRESS!, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
const runtime = createJourneyRuntime({ db: db.db, client, timeScale: 1 });
const api = await startApi({
  db,
  port: 0,
  log: () => undefined,
  // Quiet hours off, as in run.ts: figures must not depend on the hour the bench runs at.
  bootstrap: { writeKey: process.env.BRAID_BOOTSTRAP_WRITE_KEY, adminToken: process.env.BRAID_BOOTSTRAP_ADMIN_TOKEN, quietHours: false },
  onEventsIngested: runtime.onEventsIngested,
  registerRoutes: runtime.registerRoutes,
});
console.log(`Braid API listening on ${api.url}`);
process.stdin.on('data', () => {
  const u = process.cpuUsage();
  console.log(`cpu-us ${u.user + u.system}`);
});
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
