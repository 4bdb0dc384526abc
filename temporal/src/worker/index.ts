// startWorker(config): the journey workflow and its activities on their task queues.
// One queue for workflows and bookkeeping, one for broadcasts, one per channel so each channel
// has its own rate limit. The journeys' queue keeps the broadcast workflow and its activity for
// broadcasts started before broadcasts had their own queue.
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { BUILT_IN_CHANNELS } from '@braid/channels';
import { createActivities, type ActivityDeps } from '../activities/index';
import { createBroadcastActivities } from '../broadcasts/activities';
import { createMigrationActivities } from '../migrations/control';
import { connectionOptions, type TemporalConfig } from '../connection/config';
import { BROADCAST_TASK_QUEUE, channelTaskQueue, DEFAULT_TASK_QUEUE } from '../workflows/contract';

export type WorkerConfig = {
  temporal: TemporalConfig;
  deps: ActivityDeps;
  /** Sends per second per channel, across all workers (Temporal enforces it on the task queue). */
  channelRates?: Record<string, number>;
  defaultChannelRate?: number;
  channels?: readonly string[];
  /** A prebuilt bundle (tests, benchmarks); otherwise the workflow code is bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxCachedWorkflows?: number;
};

export type RunningWorker = {
  /** Resolves when every worker has shut down (after `stop()` or a fatal error). */
  done: Promise<void>;
  stop(): Promise<void>;
};

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const connection = await NativeConnection.connect(connectionOptions(config.temporal));
  // Broadcasts enrol customers from the worker: they need the database and a Temporal client.
  const broadcastActivities = createBroadcastActivities(config.deps);
  const activities = { ...createActivities(config.deps), ...broadcastActivities, ...createMigrationActivities(config.deps) };
  const namespace = config.temporal.namespace;
  // Bundled once for both workers that run workflows.
  const workflowSource = { workflowBundle: config.workflowBundle ?? { code: (await bundleWorkflowCode({ workflowsPath, logger: Runtime.instance().logger })).code } };
  const workers: Worker[] = [
    await Worker.create({
      connection,
      namespace,
      taskQueue: DEFAULT_TASK_QUEUE,
      ...workflowSource,
      activities,
      maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTaskExecutions ?? 100,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivityTaskExecutions ?? 200,
      maxConcurrentLocalActivityExecutions: 200,
      // Waiting customers beyond the cache are evicted and replayed from history when their
      // timer fires or an event arrives: memory stays flat however many are waiting.
      maxCachedWorkflows: config.maxCachedWorkflows ?? 1_000,
    }),
    // Broadcasts on their own queue: a page, the end and a pause never wait behind the
    // customers' tasks. Few at a time (one page each, 200 members) and little to cache.
    await Worker.create({
      connection,
      namespace,
      taskQueue: BROADCAST_TASK_QUEUE,
      ...workflowSource,
      activities: broadcastActivities,
      maxConcurrentWorkflowTaskExecutions: 10,
      maxConcurrentActivityTaskExecutions: 4,
      maxConcurrentLocalActivityExecutions: 4,
      maxCachedWorkflows: 20,
    }),
  ];
  for (const channel of config.channels ?? BUILT_IN_CHANNELS) {
    workers.push(
      await Worker.create({
        connection,
        namespace,
        taskQueue: channelTaskQueue(channel),
        activities: { runAction: activities.runAction },
        maxTaskQueueActivitiesPerSecond: config.channelRates?.[channel] ?? config.defaultChannelRate ?? 200,
        maxConcurrentActivityTaskExecutions: 50,
      }),
    );
  }
  const done = Promise.all(workers.map((w) => w.run())).then(
    () => connection.close(),
    async (error: unknown) => {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await connection.close();
      throw error;
    },
  );
  return {
    done,
    async stop() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await done.catch(() => undefined);
    },
  };
}
