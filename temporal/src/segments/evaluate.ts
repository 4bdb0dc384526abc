// Incremental segment membership: only the customer an event touched is re-evaluated, against
// the workspace's saved rules; entering is recorded in segment_members with its time.
import { and, count, customers, eq, events, gte, segmentMembers, segments } from '@braid/db';
import type { Db } from '@braid/db';
import { compare, matchesFilters } from '@braid/journey';
import type { Json } from '@braid/sdk';
import type { SegmentCondition, SegmentRule } from './rule';

export type SegmentChange = { segmentId: string; customerId: string; change: 'entered' | 'left' };

export async function customerMatches(db: Db, workspaceId: string, customerId: string, traits: Record<string, Json>, rule: SegmentRule, now: number): Promise<boolean> {
  const test = async (c: SegmentCondition): Promise<boolean> => {
    if (c.kind === 'trait') return matchesFilters([c.filter], traits, null);
    const where = and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId), eq(events.name, c.event), gte(events.timestamp, now - c.windowMs));
    if (c.where.length === 0) {
      const [row] = await db.select({ n: count() }).from(events).where(where);
      return compare(c.op, row?.n ?? 0, c.count);
    }
    const rows = await db.select({ properties: events.properties }).from(events).where(where).limit(5_000);
    return compare(c.op, rows.filter((r) => matchesFilters(c.where, r.properties as Record<string, Json>, null)).length, c.count);
  };
  if (rule.conditions.length === 0) return false;
  for (const c of rule.conditions) {
    const ok = await test(c);
    if (rule.match === 'any' && ok) return true;
    if (rule.match === 'all' && !ok) return false;
  }
  return rule.match === 'all';
}

export type SavedSegment = { id: string; rule: unknown };

/** The workspace's saved segments (routing reads them once per batch of events, not per customer). */
export function savedSegments(db: Db, workspaceId: string): Promise<SavedSegment[]> {
  return db.select({ id: segments.id, rule: segments.rule }).from(segments).where(eq(segments.workspaceId, workspaceId));
}

/** Re-evaluates every saved segment of the workspace for one customer; returns what changed. */
export async function refreshSegmentsFor(
  db: Db,
  workspaceId: string,
  customerId: string,
  now = Date.now(),
  preloaded?: SavedSegment[],
): Promise<SegmentChange[]> {
  const rules = preloaded ?? (await savedSegments(db, workspaceId));
  if (rules.length === 0) return [];
  const [customer] = await db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!customer) return [];
  const memberOf = new Set(
    (await db.select({ segmentId: segmentMembers.segmentId }).from(segmentMembers).where(eq(segmentMembers.customerId, customerId))).map((r) => r.segmentId),
  );
  const changes: SegmentChange[] = [];
  for (const { id, rule } of rules) {
    const inside = await customerMatches(db, workspaceId, customerId, customer.traits as Record<string, Json>, rule as SegmentRule, now);
    if (inside && !memberOf.has(id)) {
      const inserted = await db.insert(segmentMembers).values({ segmentId: id, customerId, enteredAt: now }).onConflictDoNothing().returning({ id: segmentMembers.segmentId });
      if (inserted.length > 0) changes.push({ segmentId: id, customerId, change: 'entered' });
    } else if (!inside && memberOf.has(id)) {
      await db.delete(segmentMembers).where(and(eq(segmentMembers.segmentId, id), eq(segmentMembers.customerId, customerId)));
      changes.push({ segmentId: id, customerId, change: 'left' });
    }
  }
  return changes;
}
