// A migration: every running customer of the moving versions receives the plan, page by page.
// The progress lives in the `journey_migrations` row (cursor, count), so this workflow carries
// no state and continues as new freely; a page re-run after a crash only repeats signals, which
// each customer's workflow ignores once it has moved.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MigrationActivities, MigrationPage } from './migration-contract';

const { signalMigrationPage } = proxyActivities<MigrationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Pages per run before continuing as new: keeps each history short. */
const PAGES_PER_RUN = 200;

export async function migrationWorkflow(input: { migrationId: string }): Promise<MigrationPage> {
  let signalled = 0;
  for (let pages = 0; ; pages++) {
    const page = await signalMigrationPage({ migrationId: input.migrationId });
    signalled += page.signalled;
    if (page.done) return { done: true, signalled };
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof migrationWorkflow>(input);
  }
}
