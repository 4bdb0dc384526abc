// The baseline for the benchmark: the raw cost of signalWithStart with no journey behind it.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const pingSignal = defineSignal<[unknown]>('customerEvent');

export async function emptyWorkflow(): Promise<void> {
  let pinged = false;
  setHandler(pingSignal, () => {
    pinged = true;
  });
  await condition(() => pinged);
}
