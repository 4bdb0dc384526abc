// `tsx temporal/src/worker/main.ts`: runs a journey worker until SIGINT/SIGTERM.
// Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY, TEMPORAL_API_KEY,
// BRAID_DATABASE_URL (default braid.db in BRAID_DATA_DIR), BRAID_DATABASE_AUTH_TOKEN,
// BRAID_CHANNEL_RATE (sends/s per channel), BRAID_WORKFLOW_BUNDLE (prebuilt bundle path), BRAID_WORKER_LOG_LEVEL (default WARN),
// BRAID_MAX_CACHED_WORKFLOWS (default 1000), SMTP_* and other channel credentials.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { ensureDateTriggerSchedule } from '../date-triggers/schedule';
import { exitOnStartupError, preflight } from '../server/preflight';
import { followLauncher, reportReady, waitUntilPolling } from '../server/readiness';
import { BROADCAST_TASK_QUEUE, DEFAULT_TASK_QUEUE } from '../workflows/contract';
import { defaultImplementations } from './implementations';
import { audiencesFromEnv, channelsFromEnv } from './channels';
import { startWorker } from './index';

const level = (process.env.BRAID_WORKER_LOG_LEVEL as LogLevel | undefined) ?? 'WARN';
Runtime.install({
  logger: new DefaultLogger(level, (entry) => {
    // Channel queues run activities only, by design: that warning is noise here.
    if (entry.message.startsWith('No workflows registered')) return;
    console.error(`${new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()} [${entry.level}] ${entry.message}`, entry.meta ?? '');
  }),
});

// Under the launcher: exit when it is gone, report "ready" to it once polling.
followLauncher();
// Until the workers run, a stop request just ends the process: the SDK's own signal handlers
// would otherwise hold it until start-up is over.
const exitEarly = () => process.exit(0);
process.once('SIGINT', exitEarly).once('SIGTERM', exitEarly);
// A wrong BRAID_DATABASE_URL or TEMPORAL_ADDRESS is a single line naming it, and exit 1; the
// namespace's search attributes are checked (and added on a fresh one) there too.
const checked = await preflight().catch(exitOnStartupError('braid worker'));
const { db, close } = checked.db;
const { temporal, client } = checked;
const rate = Number(process.env.BRAID_CHANNEL_RATE ?? 200);
await ensureDateTriggerSchedule(client);
const worker = await startWorker({
  temporal,
  deps: { db, client, channels: channelsFromEnv(db), audiences: audiencesFromEnv(db), implementations: await defaultImplementations() },
  defaultChannelRate: Number.isFinite(rate) && rate > 0 ? rate : 200,
  ...(process.env.BRAID_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: Number(process.env.BRAID_MAX_CACHED_WORKFLOWS) } : {}),
  // A prebuilt bundle (tests, containers) skips bundling at start.
  ...(process.env.BRAID_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.BRAID_WORKFLOW_BUNDLE } } : {}),
});
// Ready means Temporal sees our pollers, not just that the workers were created.
await waitUntilPolling(client, DEFAULT_TASK_QUEUE);
await waitUntilPolling(client, BROADCAST_TASK_QUEUE);
console.log(`braid worker: polling ${temporal.address} namespace ${temporal.namespace}`);
reportReady();

let stopping = false;
process.off('SIGINT', exitEarly).off('SIGTERM', exitEarly);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void worker.stop().finally(() => {
      close();
      process.exit(0);
    });
  });
}
await worker.done.catch((error: unknown) => {
  console.error(`braid worker: ${error instanceof Error ? error.message : String(error)}`);
  close();
  process.exit(1);
});
