// On-site messages waiting for a customer: sent on the `web` channel and not yet shown. Showing
// one records its impression (status opened), which also keeps it from being handed out again.
import { and, asc, eq, gt, inArray, messages, type DbOrTx } from '@braid/db';

export type OnsiteMessage = { id: string; subject: string | null; body: string };

/** Sent and not yet seen; "delivered" is not used on this channel. */
const WAITING = 'sent' as const;
const MAX_AT_ONCE = 5;
/** An on-site message not seen within a week is stale (the offer, the cart it spoke of): never shown. */
export const ONSITE_MAX_AGE_MS = 7 * 24 * 3_600_000;

export async function waitingMessages(db: DbOrTx, workspaceId: string, customerId: string, now: number = Date.now()): Promise<OnsiteMessage[]> {
  return db
    .select({ id: messages.id, subject: messages.subject, body: messages.body })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.customerId, customerId), eq(messages.channel, 'web'), eq(messages.status, WAITING), gt(messages.createdAt, now - ONSITE_MAX_AGE_MS)))
    .orderBy(asc(messages.createdAt))
    .limit(MAX_AT_ONCE)
    .then((rows) => rows.map((r) => ({ id: r.id, subject: r.subject, body: r.body ?? '' })));
}

/** The waiting messages of several customers created after `since`, for the live feed's poll. */
export async function recentWaitingMessages(db: DbOrTx, workspaceId: string, customerIds: string[], since: number): Promise<Array<OnsiteMessage & { customerId: string }>> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .select({ id: messages.id, customerId: messages.customerId, subject: messages.subject, body: messages.body })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.customerId, customerIds), eq(messages.channel, 'web'), eq(messages.status, WAITING), gt(messages.createdAt, since)));
  return rows.map((r) => ({ id: r.id, customerId: r.customerId, subject: r.subject, body: r.body ?? '' }));
}

/** The message, if it is this customer's on-site message. */
export async function customersOnsiteMessage(db: DbOrTx, workspaceId: string, customerId: string, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.workspaceId, workspaceId), eq(messages.customerId, customerId), eq(messages.channel, 'web')))
    .limit(1);
  return row !== undefined;
}
