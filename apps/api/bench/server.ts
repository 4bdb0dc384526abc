// The API in its own process for the ingestion bench. With BENCH_ROUTING=1 (the default) the
// journey runtime is wired as in production: every event's routing intent is written with it,
// routed after the commit (no journey is published, so routing reads enrollments and segments
// and never needs Temporal; the client connects lazily and is not called) and then cleared.
import { Client, Connection } from '@temporalio/client';
import { createDb } from '@braid/db';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { startApi } from '../src/server';
import { catalogueUpkeepFor } from '../src/catalogue/upkeep';

const routing = process.env.BENCH_ROUTING !== '0';
const db = await createDb(process.env.BRAID_DATABASE_URL);
// BENCH_CATALOGUE=0: ingestion without the event catalogue's upkeep (the baseline it is measured against).
catalogueUpkeepFor(db.client).enabled = process.env.BENCH_CATALOGUE !== '0';
const runtime = routing
  ? createJourneyRuntime({ db: db.db, client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:7233' }) }) })
  : null;
const api = await startApi({
  db,
  port: 0,
  bootstrap: { writeKey: process.env.BRAID_BOOTSTRAP_WRITE_KEY, adminToken: process.env.BRAID_BOOTSTRAP_ADMIN_TOKEN },
  onEventsIngested: runtime?.onEventsIngested,
});
console.log(`Braid API listening on ${api.url}`);
// The bench asks for CPU time (a line on stdin) to report cost per event independent of load,
// and for the routing intents still waiting (durable routing keeps up when it stays near 0).
process.stdin.on('data', (line) => {
  if (String(line).startsWith('pending')) {
    void (async () => {
      await runtime?.dispatcher?.flush();
      console.log(`pending ${(await runtime?.dispatcher?.pending()) ?? 0}`);
    })();
    return;
  }
  // The catalogue's pending writes are flushed first, so its whole cost is inside the figure.
  void catalogueUpkeepFor(db.client)
    .flush()
    .then(() => {
      const u = process.cpuUsage();
      console.log(`cpu-us ${u.user + u.system}`);
    });
});
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
