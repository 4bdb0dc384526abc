// Does the draft differ from what customers get? Computed on the server from the stored live
// version, so the journeys list, the editor header and the publish button all agree.
import type { journeys } from '@braid/db';
import { and, eq, inArray, journeyVersions, or, type DbOrTx } from '@braid/db';
import { sameJourneyContent } from '@braid/journey';

type JourneyRow = typeof journeys.$inferSelect;
type Graphish = Parameters<typeof sameJourneyContent>[0];

export function hasUnpublishedChanges(journey: Pick<JourneyRow, 'activeVersion' | 'draftGraph'>, liveGraph: unknown): boolean {
  const draft = journey.draftGraph as Graphish;
  // Never published: anything drawn is unpublished.
  if (journey.activeVersion === null || liveGraph === undefined) return (draft?.nodes?.length ?? 0) > 0;
  return !sameJourneyContent(liveGraph as Graphish, draft);
}

/** The live version's graph of each journey that has one, keyed by journey id. */
export async function liveGraphs(db: DbOrTx, rows: readonly Pick<JourneyRow, 'id' | 'activeVersion'>[]): Promise<Map<string, unknown>> {
  const live = rows.filter((r): r is typeof r & { activeVersion: number } => r.activeVersion !== null);
  const out = new Map<string, unknown>();
  // SQLite limits bound parameters; 200 journeys (400 parameters) per read stays far below it.
  for (let i = 0; i < live.length; i += 200) {
    const page = live.slice(i, i + 200);
    const found = await db
      .select({ journeyId: journeyVersions.journeyId, graph: journeyVersions.graph })
      .from(journeyVersions)
      .where(
        and(
          inArray(journeyVersions.journeyId, page.map((r) => r.id)),
          or(...page.map((r) => and(eq(journeyVersions.journeyId, r.id), eq(journeyVersions.version, r.activeVersion)))),
        ),
      );
    for (const f of found) out.set(f.journeyId, f.graph);
  }
  return out;
}

export async function liveGraphOf(db: DbOrTx, journey: Pick<JourneyRow, 'id' | 'activeVersion'>): Promise<unknown> {
  return (await liveGraphs(db, [journey])).get(journey.id);
}
