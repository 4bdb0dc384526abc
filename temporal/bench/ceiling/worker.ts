// The ceiling's worker, in its own process as Braid's is, so CPU is measured per process.
// Answers "count" on stdin with the customers that reached their wait so far.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from './activities';

Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue: process.env.CEILING_TASK_QUEUE ?? 'ceiling',
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: { reached: activities.reached },
  // The same settings as Braid's worker (temporal/src/worker/index.ts).
  maxConcurrentWorkflowTaskExecutions: 100,
  maxConcurrentActivityTaskExecutions: 200,
  maxConcurrentLocalActivityExecutions: 200,
  maxCachedWorkflows: 1_000,
});
process.stdin.on('data', () => console.log(`count ${activities.reachedSoFar()}`));
console.log('ceiling worker: polling');
await worker.run();
await connection.close();
// stdin (the bench's questions) would keep the process alive after a SIGTERM shut the worker down.
process.exit(0);
