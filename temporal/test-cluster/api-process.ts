// The API process of the cluster test: apps/api/src/main.ts with one difference, journeys are
// compiled with BRAID_TEST_DAY_MS so that a journey's days pass in seconds. Production has no
// such knob on purpose; everything else (preflight, bootstrap from env, routing, recovery,
// stop on SIGTERM) is the same code main.ts runs.
import { exitOnStartupError, preflight } from '../src/server';
import { bootstrapOptionsFromEnv } from '../../apps/api/src/bootstrap';
import { createJourneyRuntime } from '../../apps/api/src/journeys';
import { startApi } from '../../apps/api/src/server';

const dayMs = Number(process.env.BRAID_TEST_DAY_MS);
if (!(dayMs > 0)) throw new Error('BRAID_TEST_DAY_MS: a positive number of milliseconds per journey day');
const { db, client } = await preflight().catch(exitOnStartupError('braid api'));
const journeys = createJourneyRuntime({ db: db.db, client, timeScale: dayMs / 86_400_000 });
const api = await startApi({
  db,
  port: Number(process.env.PORT),
  host: '127.0.0.1',
  bootstrap: bootstrapOptionsFromEnv(),
  onEventsIngested: journeys.onEventsIngested,
  registerRoutes: journeys.registerRoutes,
  onEngaged: journeys.onEngaged,
});
console.log(`Braid API listening on ${api.url}`);
const recovery = journeys.startRecovery();

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void api
      .close()
      .then(() => recovery?.stop())
      .then(() => process.exit(0));
  });
}
