// The same run's ceiling for a journey with a send: hand-written workflows of the shape
// start (signalWithStart) → one activity → 30-day timer (bench/ceiling/), run by their own worker
// process with Braid's worker settings. Customers/s from the first start until every one of them
// has run its activity: the rate Temporal itself sustains here for that shape.
import { fileURLToPath } from 'node:url';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { startChild } from './child';

const CEILING_QUEUE = 'ceiling';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureSendCeiling(options: { client: Client; env: NodeJS.ProcessEnv; customers: number; prefix: string }): Promise<number> {
  const worker = await startChild(fileURLToPath(new URL('./ceiling/worker.ts', import.meta.url)), { ...options.env, CEILING_TASK_QUEUE: CEILING_QUEUE }, /ceiling worker: polling\n/);
  try {
    const count = async () => Number(await worker.ask('count', /count (\d+)\n/));
    const ids = Array.from({ length: options.customers }, (_, i) => `${options.prefix}-${i}`);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < ids.length) {
          await options.client.workflow.signalWithStart('ceilingActivityThenWait', {
            workflowId: ids[next++]!,
            taskQueue: CEILING_QUEUE,
            args: [],
            signal: 'customerEvent',
            signalArgs: [{}],
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          });
        }
      }),
    );
    // Bounded: 10 minutes at most, whatever the machine.
    for (let i = 0; i < 6_000 && (await count()) < options.customers; i++) await sleep(100);
    return (await count()) / ((performance.now() - t0) / 1000);
  } finally {
    await worker.stop();
  }
}
