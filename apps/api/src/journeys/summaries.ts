// Journey rows as the API shows them: with whether the draft differs from the live version and
// who last edited, by name. One read per list, not per journey.
import type { DbOrTx, journeys } from '@braid/db';
import type { z } from '@hono/zod-openapi';
import { hasUnpublishedChanges, liveGraphs } from './live-content';
import { peopleLabels } from './people';
import type { Graph, Journey, JourneySummary } from './schemas';

type JourneyRow = typeof journeys.$inferSelect;
type Summary = z.infer<typeof JourneySummary>;

function summaryOf(j: JourneyRow, liveGraph: unknown, people: Map<string, string>): Summary {
  return {
    id: j.id,
    name: j.name,
    key: j.key,
    description: j.description,
    status: j.status,
    activeVersion: j.activeVersion,
    draftRevision: j.draftRevision,
    hasUnpublishedChanges: hasUnpublishedChanges(j, liveGraph),
    triggerEvent: j.triggerEvent,
    startsAt: j.startsAt,
    endsAt: j.endsAt,
    updatedByName: j.updatedBy ? (people.get(j.updatedBy) ?? null) : null,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
  };
}

export async function summaries(db: DbOrTx, rows: readonly JourneyRow[]): Promise<Summary[]> {
  if (rows.length === 0) return [];
  const [live, people] = await Promise.all([liveGraphs(db, rows), peopleLabels(db, rows[0]!.workspaceId, rows.map((r) => r.updatedBy))]);
  return rows.map((r) => summaryOf(r, live.get(r.id), people));
}

export async function summary(db: DbOrTx, row: JourneyRow): Promise<Summary> {
  return (await summaries(db, [row]))[0]!;
}

export async function detail(db: DbOrTx, row: JourneyRow): Promise<z.infer<typeof Journey>> {
  return { ...(await summary(db, row)), draftGraph: row.draftGraph as z.infer<typeof Graph>, createdBy: row.createdBy, updatedBy: row.updatedBy };
}
