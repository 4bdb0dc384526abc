// A segment rule compiled to one SQL boolean expression over a customer row (alias `c`), so
// membership is decided inside the database for any number of customers at once.
//
// Semantics (the same in the in-memory reference evaluator the property tests compare with):
// - text equals / contains ignore ASCII case; numbers compare only with numbers, text with text
//   (ISO dates order correctly as text); true/false only with booleans;
// - "contains" on a list means one element equals the value;
// - "is set" means present, not null and not empty text;
// - a behaviour condition counts the customer's events of that name in the window whose
//   properties pass every filter, and stops counting at count + 1 (bounded work per customer);
// - "member of segment X" is X's rule inlined, so it never depends on upkeep order.
import { sql, type SQL } from '@braid/db';
import { MAX_SEGMENT_NESTING } from '@braid/journey';
import type { CountComparison, SegmentCondition, SegmentRule, TraitFilter } from '@braid/journey';
import type { Json } from '@braid/sdk';

/** A rule that cannot be evaluated: a cycle between segments or nesting too deep; `path` names the condition. */
export class SegmentRuleRefused extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export type RuleContext = {
  workspaceId: string;
  /** Evaluation time: behaviour windows end here. */
  now: number;
  /** The saved rule of another segment of the workspace (undefined once deleted). */
  ruleOf(segmentId: string): SegmentRule | undefined;
  /** The segment being evaluated or saved, so a reference back to it is a cycle. */
  selfId?: string;
};

/** `a.b` → `$."a"."b"` (parts are checked by the rule schema: no quotes, none empty). */
export function jsonPath(path: string): string {
  return `$${path
    .split('.')
    .map((p) => `."${p}"`)
    .join('')}`;
}

const countOps: Record<CountComparison, string> = { greaterOrEqual: '>=', greaterThan: '>', equals: '=', lessOrEqual: '<=', lessThan: '<' };
const orderOps = { greaterThan: '>', greaterOrEqual: '>=', lessThan: '<', lessOrEqual: '<=' } as const;

/** `typ` is never NULL ('missing' when absent), so every predicate below is 0 or 1, never NULL. */
function equalsSql(typ: SQL, val: SQL, v: Json | undefined): SQL {
  if (typeof v === 'string') return sql`(${typ} = 'text' AND ${val} = ${v} COLLATE NOCASE)`;
  if (typeof v === 'number') return sql`(${typ} IN ('integer', 'real') AND ${val} = ${v})`;
  if (typeof v === 'boolean') return v ? sql`(${typ} = 'true')` : sql`(${typ} = 'false')`;
  return sql`0`;
}

function containsSql(doc: SQL, path: string, typ: SQL, val: SQL, v: Json | undefined): SQL {
  if (v === null || v === undefined || typeof v === 'object') return sql`0`;
  const inList = sql`EXISTS (SELECT 1 FROM json_each(${doc}, ${path}) AS j WHERE ${equalsSql(sql.raw("coalesce(j.type, 'missing')"), sql.raw('j.value'), v)})`;
  return sql`((${typ} = 'text' AND instr(lower(${val}), lower(${String(v)})) > 0) OR (${typ} = 'array' AND ${inList}))`;
}

/** One filter over a JSON document column (`c.traits`, `e.properties`). */
export function filterSql(doc: SQL, f: TraitFilter): SQL {
  const path = jsonPath(f.path);
  const typ = sql`coalesce(json_type(${doc}, ${path}), 'missing')`;
  const val = sql`json_extract(${doc}, ${path})`;
  const exists = sql`(${typ} NOT IN ('missing', 'null') AND NOT (${typ} = 'text' AND ${val} = ''))`;
  switch (f.op) {
    case 'exists':
      return exists;
    case 'notExists':
      return sql`(NOT ${exists})`;
    case 'equals':
      return equalsSql(typ, val, f.value);
    case 'notEquals':
      return sql`(NOT ${equalsSql(typ, val, f.value)})`;
    case 'contains':
      return containsSql(doc, path, typ, val, f.value);
    case 'notContains':
      return sql`(NOT ${containsSql(doc, path, typ, val, f.value)})`;
    case 'in': {
      const values = Array.isArray(f.value) ? f.value : [];
      return values.length === 0 ? sql`0` : sql`(${sql.join(values.map((v) => equalsSql(typ, val, v)), sql` OR `)})`;
    }
    case 'greaterThan':
    case 'greaterOrEqual':
    case 'lessThan':
    case 'lessOrEqual': {
      const op = sql.raw(orderOps[f.op]);
      if (typeof f.value === 'number') return sql`(${typ} IN ('integer', 'real') AND ${val} ${op} ${f.value})`;
      if (typeof f.value === 'string') return sql`(${typ} = 'text' AND ${val} ${op} ${f.value})`;
      return sql`0`;
    }
    default: {
      const unreachable: never = f.op;
      return unreachable;
    }
  }
}

function behaviourSql(c: Extract<SegmentCondition, { kind: 'eventCount' }>, ctx: RuleContext): SQL {
  const filters = c.where.map((f) => sql` AND ${filterSql(sql.raw('e.properties'), f)}`);
  const since = ctx.now - c.windowMs;
  // Counting stops at count + 1: enough to decide every comparison, and bounded per customer.
  // The customer's own events (workspace, customer, time) are read, never all events of that name:
  // without statistics SQLite would pick the name index and scan everyone's events per customer.
  const counted = sql`(SELECT count(*) FROM (SELECT 1 FROM events e INDEXED BY events_customer_idx WHERE e.workspace_id = ${ctx.workspaceId} AND e.customer_id = c.id AND e.name = ${c.event} AND e.timestamp >= ${since}${sql.join(filters, sql``)} LIMIT ${c.count + 1}))`;
  return sql`(${counted} ${sql.raw(countOps[c.op])} ${c.count})`;
}

/** `inside` is the reference being inlined: problems deeper in another segment are named by it. */
function groupSql(match: 'all' | 'any', conditions: SegmentCondition[], ctx: RuleContext, path: string, chain: string[], inside?: string): SQL {
  if (conditions.length === 0) return match === 'all' ? sql`1` : sql`0`;
  const parts = conditions.map((c, i) => conditionSql(c, ctx, inside ?? `${path}.${i}`, chain, inside));
  return sql`(${sql.join(parts, match === 'all' ? sql` AND ` : sql` OR `)})`;
}

function conditionSql(c: SegmentCondition, ctx: RuleContext, path: string, chain: string[], inside?: string): SQL {
  switch (c.kind) {
    case 'trait':
      return filterSql(sql.raw('c.traits'), c.filter);
    case 'eventCount':
      return behaviourSql(c, ctx);
    case 'group':
      return groupSql(c.match, c.conditions, ctx, `${path}.conditions`, chain, inside);
    case 'segment': {
      if (c.segmentId === ctx.selfId || chain.includes(c.segmentId)) {
        throw new SegmentRuleRefused(path, `${path}: segment ${c.segmentId} refers back to itself (${[...chain, c.segmentId].join(' → ')}); membership would never settle`);
      }
      if (chain.length >= MAX_SEGMENT_NESTING) {
        throw new SegmentRuleRefused(path, `${path}: segments nest at most ${MAX_SEGMENT_NESTING} deep (${[...chain, c.segmentId].join(' → ')})`);
      }
      const other = ctx.ruleOf(c.segmentId);
      // A deleted segment has no members.
      const member = other ? groupSql(other.match, other.conditions, ctx, path, [...chain, c.segmentId], path) : sql`0`;
      return c.in ? member : sql`(NOT ${member})`;
    }
    default: {
      const unreachable: never = c;
      return unreachable;
    }
  }
}

/** The rule as a boolean SQL expression over `customers c`; throws SegmentRuleRefused for cycles. */
export function ruleSql(rule: SegmentRule, ctx: RuleContext): SQL {
  return groupSql(rule.match, rule.conditions, ctx, 'conditions', ctx.selfId ? [ctx.selfId] : []);
}
