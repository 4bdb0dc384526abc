import { and, customerIdentities, customers, eq, inArray, type DbOrTx } from '@braid/db';
import type { AudienceCustomer } from './types';

/** Emails and phones of customers (identities first, then the `email` / `phone` traits), for an audience upload. */
export async function loadAudienceCustomers(db: DbOrTx, workspaceId: string, customerIds: string[]): Promise<AudienceCustomer[]> {
  if (customerIds.length === 0) return [];
  const byId = new Map<string, AudienceCustomer>(customerIds.map((id) => [id, { customerId: id, emails: [], phones: [] }]));
  const identities = await db
    .select({ customerId: customerIdentities.customerId, type: customerIdentities.type, value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.workspaceId, workspaceId), inArray(customerIdentities.customerId, customerIds), inArray(customerIdentities.type, ['email', 'phone'])));
  for (const i of identities) {
    const c = byId.get(i.customerId);
    if (c) (i.type === 'email' ? c.emails : c.phones).push(i.value);
  }
  const rows = await db.select({ id: customers.id, traits: customers.traits }).from(customers).where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, customerIds)));
  for (const row of rows) {
    const c = byId.get(row.id)!;
    const traits = (row.traits ?? {}) as Record<string, unknown>;
    if (typeof traits.email === 'string' && !c.emails.includes(traits.email)) c.emails.push(traits.email);
    if (typeof traits.phone === 'string' && !c.phones.includes(traits.phone)) c.phones.push(traits.phone);
  }
  return [...byId.values()];
}
