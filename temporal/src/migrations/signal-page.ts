// The migration's one activity: signal the next page of running customers of the moving
// versions (after the row's cursor) with the plan, then move the cursor and count forward.
// Bounded pages keep memory flat however many customers wait; the enrollments table says who
// runs and on which version, so nothing is listed from Temporal's visibility store.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, asc, enrollments, eq, gt, inArray, journeyMigrations, journeyVersions, sql, type Db } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';
import { migrateSignal, type MigrationOrder } from '../workflows/contract';
import type { MigrationPage } from '../workflows/migration-contract';

/** Enrollments per page; a page is one activity, well inside its timeout. */
export const MIGRATION_PAGE = 500;
/** Signals in flight at once within a page. */
const CONCURRENCY = 48;

export type MigrationDeps = { db: Db; client: Client; now?: () => number };

export async function signalMigrationPage(deps: MigrationDeps, migrationId: string): Promise<MigrationPage> {
  const now = deps.now ?? Date.now;
  const [row] = await deps.db.select().from(journeyMigrations).where(eq(journeyMigrations.id, migrationId)).limit(1);
  if (!row || row.status !== 'running') return { done: true, signalled: 0 };
  const [target] = await deps.db
    .select({ id: journeyVersions.id, ir: journeyVersions.ir })
    .from(journeyVersions)
    .where(and(eq(journeyVersions.journeyId, row.journeyId), eq(journeyVersions.version, row.toVersion)))
    .limit(1);
  if (!target) {
    await deps.db.update(journeyMigrations).set({ status: 'failed', error: `version ${row.toVersion} no longer exists`, finishedAt: now() }).where(eq(journeyMigrations.id, migrationId));
    return { done: true, signalled: 0 };
  }
  const versions = Object.keys(row.plan).map(Number).filter((v) => Number.isInteger(v) && v < row.toVersion);
  const page =
    versions.length === 0
      ? []
      : await deps.db
          .select({ id: enrollments.id, workflowId: enrollments.workflowId, version: enrollments.version })
          .from(enrollments)
          .where(and(eq(enrollments.journeyId, row.journeyId), eq(enrollments.status, 'active'), inArray(enrollments.version, versions), gt(enrollments.id, row.cursor)))
          .orderBy(asc(enrollments.id))
          .limit(MIGRATION_PAGE);

  const ir = target.ir as JourneyIR;
  let signalled = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, page.length) }, async () => {
      while (next < page.length) {
        const enrollment = page[next++]!;
        const order: MigrationOrder = {
          migrationId,
          fromVersion: enrollment.version,
          toVersion: row.toVersion,
          toVersionId: target.id,
          ir,
          steps: row.plan[String(enrollment.version)] ?? {},
        };
        try {
          // The latest run of the customer's workflow: it may have continued as new since.
          await deps.client.workflow.getHandle(enrollment.workflowId).signal(migrateSignal, order);
          signalled++;
        } catch (error) {
          // Finished since the page was read: nobody to move.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
    }),
  );
  const last = page.at(-1)?.id;
  const done = page.length < MIGRATION_PAGE;
  await deps.db
    .update(journeyMigrations)
    .set({
      ...(last ? { cursor: last } : {}),
      signalled: sql`${journeyMigrations.signalled} + ${signalled}`,
      ...(done ? { status: 'completed' as const, finishedAt: now() } : {}),
    })
    .where(eq(journeyMigrations.id, migrationId));
  return { done, signalled };
}
