// One journey of the workspace, or the 404 every journey route answers for another workspace's id.
import { and, eq, journeys, type Db } from '@braid/db';
import { ApiError } from '../errors';

export type JourneyRow = typeof journeys.$inferSelect;

export async function findJourney(db: Db, workspaceId: string, id: string): Promise<JourneyRow> {
  const [row] = await db
    .select()
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)))
    .limit(1);
  if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
  return row;
}
