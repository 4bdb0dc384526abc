// The profile a customer id leads to today: merged-away ids (from old links, from a journey that
// started before a merge) follow `mergedInto` to the survivor.
import { and, customers, eq, type Db } from '@braid/db';
import { ApiError } from '../errors';

export type CustomerRow = typeof customers.$inferSelect;

export async function findLiveCustomer(db: Db, workspaceId: string, id: string, field = 'id'): Promise<CustomerRow> {
  for (let hops = 0; hops < 32; hops++) {
    const [row] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
      .limit(1);
    if (!row) break;
    if (!row.mergedInto) return row;
    id = row.mergedInto;
  }
  throw new ApiError(404, 'not_found', 'No such customer in this workspace', [{ field, message: 'not found' }]);
}

/** A profile by its own id, merged or not (merge and unmerge name profiles exactly). */
export async function findCustomer(db: Db, workspaceId: string, id: string, field: string): Promise<CustomerRow> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)))
    .limit(1);
  if (!row) throw new ApiError(404, 'not_found', `No customer ${id} in this workspace`, [{ field, message: 'not found' }]);
  return row;
}

/** What a person reads as the customer's name in messages and the change history. */
export function displayName(traits: Record<string, unknown>): string | null {
  const name = traits.name ?? [traits.firstName, traits.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  return typeof name === 'string' && name.trim() ? name.trim() : null;
}
