// Keys for new journeys: the name as a slug, made unique in the workspace with a number.
import { and, eq, journeys, like, or, type Db } from '@braid/db';
import { journeyKeyFromName } from '@braid/journey';

/** "Chào mừng" → `chao-mung`, or `chao-mung-2` when that is taken in the workspace. */
export async function uniqueJourneyKey(db: Db, workspaceId: string, name: string): Promise<string> {
  const base = journeyKeyFromName(name);
  const taken = new Set(
    (
      await db
        .select({ key: journeys.key })
        .from(journeys)
        .where(and(eq(journeys.workspaceId, workspaceId), or(eq(journeys.key, base), like(journeys.key, `${base}-%`))))
    ).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
