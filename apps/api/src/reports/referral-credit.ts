// The referral reward (a friend's order with Toản's code earns Toản a pot of chè): an
// `Order Completed` carrying `referral_code` is credited to the customer whose profile has that
// code (traits.referral_code) as a `Referral Credited` event on the referrer, stored and routed
// like any event, so a journey triggered by it decides what qualifies (e.g. revenue > 500,000)
// and issues the reward. One credit per order event (its id is the dedupe key); nobody refers
// themself.
import { events, liveCustomerId, newId, routingIntents, type Db } from '@braid/db';
import type { IngestedEvent, StoredEvent } from '../ingest/store';
import { ROUTING_LEASE_MS } from '../ingest/store';
import { ORDER_EVENT, REFERRAL_EVENT } from './journey-report';

function codeOf(properties: Record<string, unknown>): string | null {
  const code = properties.referral_code ?? properties.referralCode;
  return typeof code === 'string' && code.trim() !== '' ? code.trim().slice(0, 100) : null;
}

async function referrerOf(db: Db, workspaceId: string, code: string): Promise<string | null> {
  // The expression and the workspace match the customers_referral_code_idx index.
  const r = await db.$client.execute({
    sql: `SELECT id FROM customers WHERE workspace_id = ? AND json_extract(traits, '$.referral_code') = ? AND json_extract(traits, '$.referral_code') IS NOT NULL AND merged_into IS NULL LIMIT 1`,
    args: [workspaceId, code],
  });
  const id = r.rows[0]?.id;
  return id === undefined || id === null ? null : String(id);
}

/** The `Referral Credited` events made for these newly stored orders (already credited ones are skipped). */
export async function creditReferrals(db: Db, ingested: IngestedEvent[]): Promise<IngestedEvent[]> {
  const out: IngestedEvent[] = [];
  for (const e of ingested) {
    if (e.event.type !== 'track' || e.event.name !== ORDER_EVENT) continue;
    const code = codeOf(e.event.properties);
    if (!code) continue;
    const found = await referrerOf(db, e.workspaceId, code);
    const referrer = found ? ((await liveCustomerId(db, found)) ?? found) : null;
    if (!referrer || referrer === e.customerId) continue;
    const now = Date.now();
    const props = e.event.properties;
    const event: StoredEvent = {
      id: newId(now),
      workspaceId: e.workspaceId,
      messageId: `referral:${e.event.id}`,
      customerId: referrer,
      type: 'track',
      userId: null,
      anonymousId: null,
      name: REFERRAL_EVENT,
      properties: {
        referral_code: code,
        referred_customer_id: e.customerId,
        order_id: props.order_id ?? null,
        revenue: typeof props.revenue === 'number' ? props.revenue : Number(props.revenue ?? 0) || 0,
        currency: props.currency ?? 'VND',
        order_event_id: e.event.id,
      },
      traits: null,
      groupId: null,
      previousId: null,
      context: { channel: 'referral' },
      timestamp: e.event.timestamp,
      sentAt: null,
      receivedAt: now,
    };
    const stored = await db.transaction(async (tx) => {
      const inserted = await tx.insert(events).values(event).onConflictDoNothing().returning({ id: events.id });
      if (inserted.length === 0) return null;
      const intentId = newId(now);
      await tx.insert(routingIntents).values({ id: intentId, workspaceId: e.workspaceId, eventIds: [event.id], availableAt: now + ROUTING_LEASE_MS, createdAt: now });
      return { workspaceId: e.workspaceId, customerId: referrer, event, intentId } satisfies IngestedEvent;
    });
    if (stored) out.push(stored);
  }
  return out;
}

/** Wraps the ingestion hook: the orders are routed first, then the referrers' credits. */
export function withReferralCredits(db: Db, next?: (events: IngestedEvent[]) => Promise<void> | void) {
  return async (ingested: IngestedEvent[]): Promise<void> => {
    // The orders are stored with their routing intent: a routing failure is replayed from it, but
    // the credit would not be, so it is made whatever routing did, and the failure passed on after.
    let routingFailure: { error: unknown } | null = null;
    try {
      await next?.(ingested);
    } catch (error) {
      routingFailure = { error };
    }
    let credits: IngestedEvent[] = [];
    try {
      credits = await creditReferrals(db, ingested);
    } catch (error) {
      // The order is stored and routed; a lost credit is visible (no event) and replayable from it.
      console.error('[referrals] crediting the referrer failed', error);
    }
    if (credits.length > 0) await next?.(credits);
    if (routingFailure) throw routingFailure.error;
  };
}
