// A broadcast: every member of a segment enrolled into a journey, page by page, at a set rate.
// The progress lives in the `broadcasts` row (cursor, counts, status), so this workflow carries
// no state of its own: it continues as new freely, and pause / resume / cancel are written to
// the row and only nudge it awake.
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { broadcastNudgeSignal, type BroadcastActivities, type BroadcastPage } from './broadcast-contract';

const { enrolBroadcastPage } = proxyActivities<BroadcastActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Pages per run before continuing as new: keeps each history short. */
const PAGES_PER_RUN = 200;

export async function broadcastWorkflow(input: { broadcastId: string }): Promise<BroadcastPage> {
  let nudged = false;
  setHandler(broadcastNudgeSignal, () => {
    nudged = true;
  });
  for (let pages = 0; ; pages++) {
    nudged = false;
    const page = await enrolBroadcastPage({ broadcastId: input.broadcastId });
    if (page.done) return page;
    if (page.paused) {
      // Asked again after a nudge, or every minute should the nudge be lost.
      await condition(() => nudged, '1 minute');
      continue;
    }
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof broadcastWorkflow>(input);
    // The rate limit; a pause or cancel cuts the wait short.
    if (page.delayMs > 0) await condition(() => nudged, page.delayMs);
  }
}
