// Membership decided in the database: for a scope of customers (a list, or a range of ids in a
// scheduled pass), those who match and are not members join, members who no longer match (or
// were merged away) leave. Both are one statement each, and every join and leave is recorded in
// segment_changes in the same transaction; nothing but the changed ids comes back to the process.
import { eq, segments, sql, type Db, type SQL } from '@braid/db';
import { eventsOfRule, ruleReadsTraits, segmentReferences, type SegmentRule } from '@braid/journey';
import { ruleSql, SegmentRuleRefused } from './rule-sql';

export type MembershipScope = { customers: readonly string[] } | { after: string | null; upTo: string | null };

export type Join = { changeId: number; segmentId: string; customerId: string; at: number };
export type MembershipResult = { joined: Join[]; left: string[] };

export type WorkspaceSegments = {
  workspaceId: string;
  rules: Map<string, SegmentRule>;
};

/** Every saved segment of the workspace (rules are validated on save). */
export async function loadWorkspaceSegments(db: Db, workspaceId: string): Promise<WorkspaceSegments> {
  const rows = await db.select({ id: segments.id, rule: segments.rule }).from(segments).where(eq(segments.workspaceId, workspaceId));
  return { workspaceId, rules: new Map(rows.map((r) => [r.id, normaliseRule(r.rule)])) };
}

/** Rules saved before membership conditions existed lack `in`; reading fills the defaults. */
export function normaliseRule(raw: unknown): SegmentRule {
  const rule = (raw ?? {}) as Partial<SegmentRule>;
  const fix = (conditions: unknown): SegmentRule['conditions'] =>
    (Array.isArray(conditions) ? conditions : []).map((c) => {
      const x = c as SegmentRule['conditions'][number];
      if (x.kind === 'segment') return { ...x, in: x.in !== false };
      if (x.kind === 'group') return { ...x, conditions: fix(x.conditions) };
      if (x.kind === 'eventCount') return { ...x, where: x.where ?? [] };
      return x;
    });
  return { match: rule.match === 'any' ? 'any' : 'all', conditions: fix(rule.conditions) };
}

/** What can change a segment's membership: events it counts (through referenced segments too) and traits. */
export function dependenciesOf(segmentId: string, all: WorkspaceSegments): { events: Set<string>; traits: boolean; countsEvents: boolean } {
  const events = new Set<string>();
  let traits = false;
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const rule = all.rules.get(id);
    if (!rule) return;
    for (const e of eventsOfRule(rule)) events.add(e);
    if (ruleReadsTraits(rule)) traits = true;
    for (const ref of segmentReferences(rule)) visit(ref.segmentId);
  };
  visit(segmentId);
  return { events, traits, countsEvents: events.size > 0 };
}

function scopeSql(workspaceId: string, scope: MembershipScope): { customers: SQL; members: SQL } {
  if ('customers' in scope) {
    const ids = JSON.stringify(scope.customers);
    return {
      customers: sql`c.workspace_id = ${workspaceId} AND c.id IN (SELECT value FROM json_each(${ids}))`,
      members: sql`customer_id IN (SELECT value FROM json_each(${ids}))`,
    };
  }
  const c: SQL[] = [sql`c.workspace_id = ${workspaceId}`];
  const m: SQL[] = [sql`1`];
  if (scope.after !== null) {
    c.push(sql`c.id > ${scope.after}`);
    m.push(sql`customer_id > ${scope.after}`);
  }
  if (scope.upTo !== null) {
    c.push(sql`c.id <= ${scope.upTo}`);
    m.push(sql`customer_id <= ${scope.upTo}`);
  }
  return { customers: sql.join(c, sql` AND `), members: sql.join(m, sql` AND `) };
}

export type EvaluateOptions = {
  now: number;
  /** Joins stay with the caller until then (it enrols them now); after, upkeep takes them. */
  leaseUntil?: number;
};

/**
 * Brings one segment's membership in `scope` in line with its rule. A rule that cannot be
 * evaluated any more (a segment it references now refers back to it) empties the scope.
 */
export async function evaluateMembership(db: Db, all: WorkspaceSegments, segmentId: string, scope: MembershipScope, options: EvaluateOptions): Promise<MembershipResult> {
  const { workspaceId } = all;
  const rule = all.rules.get(segmentId);
  if (!rule) return { joined: [], left: [] };
  let matches: SQL;
  try {
    matches = ruleSql(rule, { workspaceId, now: options.now, ruleOf: (id) => all.rules.get(id), selfId: segmentId });
  } catch (error) {
    if (!(error instanceof SegmentRuleRefused)) throw error;
    matches = sql`0`;
  }
  const { customers, members } = scopeSql(workspaceId, scope);
  const { now } = options;
  return db.transaction(async (tx) => {
    const joinedRows = await tx.all<{ customer_id: string }>(
      sql`INSERT INTO segment_members (segment_id, customer_id, entered_at) SELECT ${segmentId}, c.id, ${now} FROM customers c WHERE ${customers} AND c.merged_into IS NULL AND ${matches} ON CONFLICT DO NOTHING RETURNING customer_id`,
    );
    const leftRows = await tx.all<{ customer_id: string }>(
      sql`DELETE FROM segment_members WHERE segment_id = ${segmentId} AND ${members} AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = segment_members.customer_id AND c.workspace_id = ${workspaceId} AND c.merged_into IS NULL AND ${matches}) RETURNING customer_id`,
    );
    const left = leftRows.map((r) => r.customer_id);
    let joined: Join[] = [];
    if (joinedRows.length > 0) {
      const ids = JSON.stringify(joinedRows.map((r) => r.customer_id));
      const rows = await tx.all<{ id: number; customer_id: string }>(
        sql`INSERT INTO segment_changes (workspace_id, segment_id, customer_id, change, at, routed_at, lease_until) SELECT ${workspaceId}, ${segmentId}, value, 'joined', ${now}, NULL, ${options.leaseUntil ?? 0} FROM json_each(${ids}) RETURNING id, customer_id`,
      );
      joined = rows.map((r) => ({ changeId: Number(r.id), segmentId, customerId: r.customer_id, at: now }));
    }
    if (left.length > 0) {
      await tx.run(
        sql`INSERT INTO segment_changes (workspace_id, segment_id, customer_id, change, at, routed_at, lease_until) SELECT ${workspaceId}, ${segmentId}, value, 'left', ${now}, ${now}, 0 FROM json_each(${JSON.stringify(left)})`,
      );
    }
    return { joined, left };
  });
}

/**
 * Re-evaluates the given customers of one workspace against the segments their change can
 * affect: `events` names the events that arrived, `traits` says their profiles may have changed;
 * 'all' (a merge, an unknown change) re-evaluates every segment.
 */
export async function refreshCustomers(
  db: Db,
  all: WorkspaceSegments,
  customerIds: readonly string[],
  change: { events: ReadonlySet<string>; traits: boolean } | 'all',
  options: EvaluateOptions,
): Promise<MembershipResult> {
  const out: MembershipResult = { joined: [], left: [] };
  if (customerIds.length === 0) return out;
  for (const segmentId of all.rules.keys()) {
    const deps = dependenciesOf(segmentId, all);
    const affected = change === 'all' || (change.traits && deps.traits) || [...deps.events].some((e) => change.events.has(e));
    if (!affected) continue;
    const result = await evaluateMembership(db, all, segmentId, { customers: customerIds }, options);
    out.joined.push(...result.joined);
    out.left.push(...result.left);
  }
  return out;
}
