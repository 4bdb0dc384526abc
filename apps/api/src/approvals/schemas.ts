import type { publishRequests} from '@braid/db';
import { type DbOrTx } from '@braid/db';
import { z } from '@hono/zod-openapi';
import { MigrationPlanInput } from '../journeys/migration-plan';
import { peopleLabels } from '../journeys/people';

export const PublishRequest = z
  .object({
    id: z.string(),
    journeyId: z.string(),
    journeyName: z.string().optional(),
    revision: z.number().int().openapi({ description: 'The draft revision to publish; approving publishes exactly this revision' }),
    note: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    requestedBy: z.string(),
    requestedByName: z.string().nullable(),
    requestedAt: z.number().int(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.number().int().nullable(),
    comment: z.string(),
    version: z.number().int().nullable().openapi({ description: 'The version the approval published' }),
    migrationPlan: MigrationPlanInput.nullable().optional().openapi({ description: 'What the requester chose for customers in older versions (null: everyone stays)' }),
  })
  .openapi('PublishRequest');

type Row = typeof publishRequests.$inferSelect;

/** Rows as the API shows them: with who requested and decided, by name. */
export async function showRequests(db: DbOrTx, workspaceId: string, rows: readonly (Row & { journeyName?: string })[]): Promise<z.infer<typeof PublishRequest>[]> {
  const people = await peopleLabels(db, workspaceId, rows.flatMap((r) => [r.requestedBy, r.decidedBy]));
  return rows.map(({ workspaceId: _ws, ...r }) => ({
    ...r,
    requestedByName: people.get(r.requestedBy) ?? null,
    decidedByName: r.decidedBy ? (people.get(r.decidedBy) ?? null) : null,
    // Written by the request route from a checked plan; anything else reads as no plan.
    migrationPlan: MigrationPlanInput.safeParse(r.migrationPlan).data ?? null,
  }));
}
