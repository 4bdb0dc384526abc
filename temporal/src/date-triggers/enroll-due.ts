// Date triggers ("on the birthday, at 09:00 local time"): run by a Temporal schedule, enrols
// every customer whose date has come since the last look, once per occurrence.
import type { Client } from '@temporalio/client';
import { and, customers, enrollments, eq, gt, isNull, journeys, like, sql } from '@braid/db';
import type { Db } from '@braid/db';
import { nextDateTriggerAt } from '@braid/journey/interpreter';
import type { Json } from '@braid/sdk';
import { enrollCustomer } from '../routing/enroll';
import { createJourneyIndex } from '../routing/journey-index';

/** How far back an occurrence still counts: a worker down for a while catches up, once. */
export const DATE_TRIGGER_LOOKBACK_MS = 24 * 3_600_000;
const PAGE = 1_000;

export type DateTriggerRun = { journeys: number; checked: number; enrolled: number; skipped: number };

export async function enrollDueDateTriggers(deps: { db: Db; client: Client; now?: () => number }): Promise<DateTriggerRun> {
  const now = (deps.now ?? Date.now)();
  const index = createJourneyIndex(deps.db, { ttlMs: 0 });
  const rows = await deps.db
    .select({ id: journeys.id, workspaceId: journeys.workspaceId, version: journeys.activeVersion })
    .from(journeys)
    .where(and(eq(journeys.status, 'active'), like(journeys.triggerEvent, 'date:%')));
  const run: DateTriggerRun = { journeys: rows.length, checked: 0, enrolled: 0, skipped: 0 };
  for (const row of rows) {
    if (row.version === null) continue;
    const published = await index.version(row.id, row.version);
    const trigger = published?.ir.trigger;
    if (!published || trigger?.kind !== 'dateAttribute') continue;
    const journey = { workspaceId: row.workspaceId, journeyId: row.id, version: row.version, versionId: published.versionId, ir: published.ir };
    let cursor = '';
    for (;;) {
      // Only customers who have the trait at all; paged by id so memory stays flat.
      const page = await deps.db
        .select({ id: customers.id, traits: customers.traits })
        .from(customers)
        .where(
          and(
            eq(customers.workspaceId, row.workspaceId),
            isNull(customers.mergedInto),
            gt(customers.id, cursor),
            sql`json_extract(${customers.traits}, ${`$.${trigger.trait}`}) IS NOT NULL`,
          ),
        )
        .orderBy(customers.id)
        .limit(PAGE);
      for (const customer of page) {
        run.checked++;
        const traits = customer.traits as Record<string, Json>;
        const timezone = typeof traits.timezone === 'string' ? traits.timezone : undefined;
        const dueAt = nextDateTriggerAt(trigger, traits[trigger.trait], now - DATE_TRIGGER_LOOKBACK_MS, timezone);
        if (dueAt === null || dueAt > now) continue;
        // One enrollment per occurrence, however often the schedule looks.
        const marker = `date:${row.id}:${customer.id}:${dueAt}`;
        const [seen] = await deps.db
          .select({ id: enrollments.id })
          .from(enrollments)
          .where(and(eq(enrollments.journeyId, row.id), eq(enrollments.customerId, customer.id), eq(enrollments.entryEventId, marker)))
          .limit(1);
        if (seen) {
          run.skipped++;
          continue;
        }
        const result = await enrollCustomer({ ...deps, index }, journey, customer.id, {
          id: marker,
          name: `$date:${trigger.trait}`,
          properties: { [trigger.trait]: traits[trigger.trait] ?? null, dueAt },
          timestamp: new Date(dueAt).toISOString(),
        });
        if (result.enrolled) run.enrolled++;
        else run.skipped++;
      }
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]!.id;
    }
  }
  return run;
}
