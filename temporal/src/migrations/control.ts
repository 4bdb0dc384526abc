// Starting a migration's driver workflow (called by the API once the new version and the
// `journey_migrations` row are committed) and the activity the worker runs for it.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { eq, journeyMigrations, type Db } from '@braid/db';
import { DEFAULT_TASK_QUEUE } from '../workflows/contract';
import { MIGRATION_WORKFLOW, migrationWorkflowId, type MigrationActivities } from '../workflows/migration-contract';
import { signalMigrationPage } from './signal-page';

/** Starts the driver; a second start of the same migration (a retry) finds it running and is fine. */
export async function startMigration(client: Client, migrationId: string): Promise<void> {
  try {
    await client.workflow.start(MIGRATION_WORKFLOW, { workflowId: migrationWorkflowId(migrationId), taskQueue: DEFAULT_TASK_QUEUE, args: [{ migrationId }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Starts the driver of every migration still running: one committed just before the API
 * stopped has none yet, and starting one that runs is a no-op. The API process calls it at start.
 */
export async function resumeMigrations(db: Db, client: Client): Promise<number> {
  const running = await db.select({ id: journeyMigrations.id }).from(journeyMigrations).where(eq(journeyMigrations.status, 'running')).limit(1_000);
  for (const m of running) await startMigration(client, m.id);
  return running.length;
}

export function createMigrationActivities(deps: { db: Db; client?: Client; now?: () => number }): MigrationActivities {
  return {
    async signalMigrationPage({ migrationId }) {
      if (!deps.client) throw new Error('this worker has no Temporal client to signal customers with');
      return signalMigrationPage({ db: deps.db, client: deps.client, ...(deps.now ? { now: deps.now } : {}) }, migrationId);
    },
  };
}
