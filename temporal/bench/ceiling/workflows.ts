// The raw Temporal ceiling for the shapes Braid's journeys have: what a hand-written workflow
// costs to start with signalWithStart, run one (local) activity and reach a month-long timer.
// Braid's journeys of the same shapes are measured against these in bench/shapes.ts.
import { defineSignal, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type * as activities from './activities';

export const entrySignal = defineSignal<[unknown]>('customerEvent');

const local = proxyLocalActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });
const remote = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

/** start → local activity → timer: the shape of "trigger → wait" (bookkeeping is a local activity). */
export async function ceilingLocalThenWait(): Promise<void> {
  setHandler(entrySignal, () => undefined);
  await local.reached();
  await sleep('30 days');
}

/** start → activity → timer: the shape of "trigger → send → wait". */
export async function ceilingActivityThenWait(): Promise<void> {
  setHandler(entrySignal, () => undefined);
  await remote.reached();
  await sleep('30 days');
}
