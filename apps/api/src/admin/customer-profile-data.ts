// The pieces of a customer 360 that are not the timeline: where each identity came from, the
// profiles merged into this one, the journeys they are in and why, vouchers and purchases.
// Every query is bounded by this customer's own rows (index on workspace + customer).
import {
  and,
  asc,
  customerChanges,
  customerIdentities,
  customers,
  desc,
  enrollments,
  eq,
  events,
  inArray,
  isNull,
  journeys,
  sql,
  stepLog,
  vouchers,
  type Db,
} from '@braid/db';
import { identitiesOf } from '../identity/normalize';

/** The earliest events read to find where each identity first appeared. */
const SOURCE_EVENTS = 1000;
const PURCHASE_EVENTS = 200;
/** Segment's e-commerce spec names a purchase `Order Completed`; POS and webhooks follow it. */
export const PURCHASE_EVENT = 'Order Completed';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How an event reached Braid, as a marketer would name it: the library, the channel or the call. */
function via(type: string, context: Record<string, unknown>): string {
  const library = isRecord(context.library) && typeof context.library.name === 'string' ? context.library.name : null;
  const channel = typeof context.channel === 'string' ? context.channel : null;
  return channel ?? library ?? type;
}

export async function identitiesWithSources(db: Db, workspaceId: string, customerId: string) {
  const [ids, earliest] = await Promise.all([
    db
      .select({ type: customerIdentities.type, value: customerIdentities.value })
      .from(customerIdentities)
      .where(and(eq(customerIdentities.workspaceId, workspaceId), eq(customerIdentities.customerId, customerId))),
    db
      .select({ id: events.id, type: events.type, name: events.name, userId: events.userId, anonymousId: events.anonymousId, traits: events.traits, context: events.context, timestamp: events.timestamp })
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId)))
      .orderBy(asc(events.timestamp))
      .limit(SOURCE_EVENTS),
  ]);
  const firstSeen = new Map<string, { eventId: string; eventType: string; eventName: string | null; at: number; via: string }>();
  for (const e of earliest) {
    const context = e.context ?? {};
    const traits = e.traits ?? (isRecord(context.traits) ? context.traits : undefined);
    for (const k of identitiesOf({ userId: e.userId ?? undefined, anonymousId: e.anonymousId ?? undefined, traits, externalIds: context.externalIds })) {
      const key = `${k.type}\u0000${k.value}`;
      if (!firstSeen.has(key)) firstSeen.set(key, { eventId: e.id, eventType: e.type, eventName: e.name, at: e.timestamp, via: via(e.type, context) });
    }
  }
  return ids.map((i) => ({ ...i, source: firstSeen.get(`${i.type}\u0000${i.value}`) ?? null }));
}

/** Profiles merged into this one: by hand (who, when; can be undone) or when identities met. */
export async function mergedProfiles(db: Db, workspaceId: string, customerId: string) {
  const merged = await db
    .select({ id: customers.id, traits: customers.traits, updatedAt: customers.updatedAt })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.mergedInto, customerId)))
    .limit(200);
  const manual = merged.length
    ? await db
        .select({ otherId: customerChanges.otherId, actorLabel: customerChanges.actorLabel, at: customerChanges.at })
        .from(customerChanges)
        .where(and(eq(customerChanges.workspaceId, workspaceId), inArray(customerChanges.otherId, merged.map((m) => m.id)), eq(customerChanges.kind, 'merge'), isNull(customerChanges.undoneAt)))
    : [];
  return merged.map((m) => {
    const byHand = manual.find((x) => x.otherId === m.id);
    return {
      id: m.id,
      traits: m.traits ?? {},
      // An automatic merge stamps updated_at on the merged-away row and never touches it again.
      at: byHand?.at ?? m.updatedAt,
      manual: !!byHand,
      by: byHand?.actorLabel ?? null,
      canUnmerge: !!byHand,
    };
  });
}

export async function journeysOf(db: Db, workspaceId: string, customerId: string) {
  const rows = await db
    .select({
      enrollmentId: enrollments.id,
      journeyId: enrollments.journeyId,
      journeyName: journeys.name,
      version: enrollments.version,
      status: enrollments.status,
      currentNode: enrollments.currentNode,
      enteredAt: enrollments.enteredAt,
      finishedAt: enrollments.finishedAt,
      entryEventId: enrollments.entryEventId,
    })
    .from(enrollments)
    .leftJoin(journeys, eq(journeys.id, enrollments.journeyId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.customerId, customerId)))
    .orderBy(desc(enrollments.enteredAt))
    .limit(100);
  const entryIds = rows.map((r) => r.entryEventId).filter((v): v is string => !!v);
  const [entries, lastSteps] = await Promise.all([
    entryIds.length ? db.select({ id: events.id, name: events.name, at: events.timestamp }).from(events).where(inArray(events.id, entryIds)) : [],
    Promise.all(
      rows.map(async (r) => {
        const [step] = await db
          .select({ nodeId: stepLog.nodeId, outcome: stepLog.outcome, reason: stepLog.reason, at: stepLog.at })
          .from(stepLog)
          .where(eq(stepLog.enrollmentId, r.enrollmentId))
          .orderBy(desc(stepLog.at), desc(stepLog.id))
          .limit(1);
        return step ?? null;
      }),
    ),
  ]);
  return rows.map(({ entryEventId, ...r }, i) => {
    const entry = entries.find((e) => e.id === entryEventId);
    return { ...r, journeyName: r.journeyName ?? r.journeyId, entryEvent: entry ? { id: entry.id, name: entry.name, at: entry.at } : null, lastStep: lastSteps[i] ?? null };
  });
}

export async function vouchersOf(db: Db, workspaceId: string, customerId: string) {
  return db
    .select({ code: vouchers.code, value: vouchers.value, expiresAt: vouchers.expiresAt, journeyId: vouchers.journeyId, createdAt: vouchers.createdAt })
    .from(vouchers)
    .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.customerId, customerId)))
    .orderBy(desc(vouchers.createdAt))
    .limit(100);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

/**
 * Purchases from `Order Completed` events (Braid keeps no orders table: commerce webhooks and the
 * POS arrive as these events). Revenue is the spec's `revenue`, else `total`, else `value`.
 */
export async function purchasesOf(db: Db, workspaceId: string, customerId: string) {
  const rows = await db
    .select({ id: events.id, properties: events.properties, context: events.context, timestamp: events.timestamp })
    .from(events)
        // `+name`: use the customer's index (their own events), not the workspace-wide name index.
    .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId), sql`+${events.name} = ${PURCHASE_EVENT}`))
    .orderBy(desc(events.timestamp))
    .limit(PURCHASE_EVENTS);
  const orders = rows.map((r) => {
    const p = r.properties ?? {};
    const orderId = p.order_id ?? p.orderId ?? p.checkout_id;
    return {
      eventId: r.id,
      orderId: typeof orderId === 'string' || typeof orderId === 'number' ? String(orderId) : null,
      revenue: num(p.revenue) ?? num(p.total) ?? num(p.value),
      currency: typeof p.currency === 'string' ? p.currency.toUpperCase() : 'VND',
      via: via('track', r.context ?? {}),
      at: r.timestamp,
    };
  });
  const totals = new Map<string, number>();
  for (const o of orders) if (o.revenue !== null) totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.revenue);
  return { source: 'events' as const, eventName: PURCHASE_EVENT, orders, totals: [...totals].map(([currency, revenue]) => ({ currency, revenue })) };
}

export async function changesOf(db: Db, workspaceId: string, customerId: string) {
  const rows = await db
    .select({ id: customerChanges.id, kind: customerChanges.kind, otherId: customerChanges.otherId, by: customerChanges.actorLabel, at: customerChanges.at, details: customerChanges.details, undoneAt: customerChanges.undoneAt })
    .from(customerChanges)
    .where(and(eq(customerChanges.workspaceId, workspaceId), eq(customerChanges.customerId, customerId)))
    .orderBy(desc(customerChanges.at))
    .limit(100);
  // The merge snapshot is for the unmerge, not for reading: the history shows what changed.
  return rows.map((r) => ({ ...r, details: r.kind === 'merge' ? { profile: r.otherId } : r.details }));
}
