// Customer lookups that ingestion, channels (inbound replies) and the runtime all need.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { customerIdentities, customers } from '../schema/customers';

/** Follow `mergedInto` to the profile that survives today (merges can chain). */
export async function liveCustomerId(db: DbOrTx, customerId: string): Promise<string | null> {
  let id = customerId;
  for (let hops = 0; hops < 32; hops++) {
    const [row] = await db
      .select({ mergedInto: customers.mergedInto })
      .from(customers)
      .where(eq(customers.id, id))
      .limit(1);
    if (!row) return null;
    if (!row.mergedInto) return id;
    id = row.mergedInto;
  }
  return id;
}

/**
 * The customer holding an identity, e.g. ('zalo_id', '8412...') for an inbound Zalo message.
 * Values must already be normalised (phone in E.164, email lower-case).
 */
export async function findCustomerByIdentity(
  db: DbOrTx,
  workspaceId: string,
  type: string,
  value: string,
): Promise<string | null> {
  const [row] = await db
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.workspaceId, workspaceId),
        eq(customerIdentities.type, type),
        eq(customerIdentities.value, value),
      ),
    )
    .limit(1);
  return row ? liveCustomerId(db, row.customerId) : null;
}

/** Tables whose rows belong to a customer and follow them on merge. */
const customerOwned = [
  'customer_identities',
  'events',
  'enrollments',
  'step_log',
  'messages',
  'vouchers',
  'staff_tasks',
  'push_subscriptions',
] as const;
/** Tables keyed by customer, where the survivor may already have the row: keep the survivor's. */
const customerKeyed = ['segment_members', 'subscriptions', 'audience_members'] as const;

/** The statements that move everything a merged-away profile owned onto the survivor. */
export function repointCustomerDataSql(workspaceId: string, fromId: string, intoId: string): SQL[] {
  const out: SQL[] = [];
  for (const table of customerOwned) {
    out.push(
      sql`UPDATE ${sql.identifier(table)} SET customer_id = ${intoId} WHERE customer_id = ${fromId} AND workspace_id = ${workspaceId}`,
    );
  }
  for (const table of customerKeyed) {
    const scope = table === 'audience_members' ? sql` AND workspace_id = ${workspaceId}` : sql``;
    out.push(sql`UPDATE OR IGNORE ${sql.identifier(table)} SET customer_id = ${intoId} WHERE customer_id = ${fromId}${scope}`);
    out.push(sql`DELETE FROM ${sql.identifier(table)} WHERE customer_id = ${fromId}${scope}`);
  }
  return out;
}

/**
 * Move everything a merged-away profile owned onto the survivor, inside the caller's
 * transaction. The caller marks `mergedInto` and records the merge.
 */
export async function repointCustomerData(tx: DbOrTx, workspaceId: string, fromId: string, intoId: string): Promise<void> {
  for (const statement of repointCustomerDataSql(workspaceId, fromId, intoId)) await tx.run(statement);
}
