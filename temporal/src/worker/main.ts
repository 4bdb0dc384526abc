// `tsx temporal/src/worker/main.ts`: runs a journey worker until SIGINT/SIGTERM.
// Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY, TEMPORAL_API_KEY,
// BRAID_DATABASE_URL, BRAID_DATABASE_AUTH_TOKEN, BRAID_CHANNEL_RATE (sends/s per channel),
// BRAID_WORKFLOW_BUNDLE (prebuilt bundle path), BRAID_WORKER_LOG_LEVEL (default WARN),
// BRAID_MAX_CACHED_WORKFLOWS (default 1000), SMTP_* and other channel credentials.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createDb, DEFAULT_DATABASE_URL } from '@braid/db';
import { connectTemporalClient } from '../client/connect';
import { ensureSearchAttributes } from '../client/search-attributes';
import { temporalConfigFromEnv } from '../connection/config';
import { ensureDateTriggerSchedule } from '../date-triggers/schedule';
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

const url = process.env.BRAID_DATABASE_URL || DEFAULT_DATABASE_URL;
const authToken = process.env.BRAID_DATABASE_AUTH_TOKEN;
const { db, close } = await createDb(url, authToken ? { authToken } : {});
const temporal = temporalConfigFromEnv();
const rate = Number(process.env.BRAID_CHANNEL_RATE ?? 200);
const client = await connectTemporalClient(temporal);
try {
  // The embedded dev server registers them at start; a fresh cluster may not have them yet.
  await ensureSearchAttributes(client, temporal.namespace);
} catch (error) {
  console.warn(`braid worker: could not check search attributes (${error instanceof Error ? error.message : String(error)}); register JourneyId, JourneyVersion, CustomerId by hand`);
}
await ensureDateTriggerSchedule(client);
const worker = await startWorker({
  temporal,
  deps: { db, client, channels: channelsFromEnv(db), audiences: audiencesFromEnv(db), implementations: await defaultImplementations() },
  defaultChannelRate: Number.isFinite(rate) && rate > 0 ? rate : 200,
  ...(process.env.BRAID_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: Number(process.env.BRAID_MAX_CACHED_WORKFLOWS) } : {}),
  // A prebuilt bundle (tests, containers) skips bundling at start.
  ...(process.env.BRAID_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.BRAID_WORKFLOW_BUNDLE } } : {}),
});
console.log(`braid worker: polling ${temporal.address} namespace ${temporal.namespace}`);

let stopping = false;
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
