// The segment semantics written plainly in TypeScript, one customer at a time: what the SQL
// compiled by rule-sql.ts must agree with (see segment-rules.test.ts). Kept deliberately naive.
import type { SegmentCondition, SegmentRule, TraitFilter } from '@braid/journey';
import type { Json } from '@braid/sdk';

export type RefEvent = { name: string; properties: Record<string, Json>; timestamp: number };
export type RefCustomer = { id: string; traits: Record<string, Json>; events: RefEvent[] };

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Keys only through objects (a JSON path `."0"` does not index an array). */
function at(doc: Json | undefined, path: string): Json | undefined {
  let v: Json | undefined = doc;
  for (const key of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, Json>)[key];
  }
  return v;
}

function equals(x: Json | undefined, v: Json | undefined): boolean {
  if (typeof v === 'string') return typeof x === 'string' && asciiLower(x) === asciiLower(v);
  if (typeof v === 'number') return typeof x === 'number' && x === v;
  if (typeof v === 'boolean') return x === v;
  return false;
}

function contains(x: Json | undefined, v: Json | undefined): boolean {
  if (v === null || v === undefined || typeof v === 'object') return false;
  if (typeof x === 'string') return asciiLower(x).includes(asciiLower(String(v)));
  if (Array.isArray(x)) return x.some((el) => equals(el, v));
  return false;
}

function order(x: Json | undefined, v: Json | undefined): number | null {
  if (typeof v === 'number') return typeof x === 'number' ? Math.sign(x - v) : null;
  if (typeof v === 'string') return typeof x === 'string' ? Buffer.compare(Buffer.from(x), Buffer.from(v)) : null;
  return null;
}

export function filterMatches(doc: Record<string, Json>, f: TraitFilter): boolean {
  const x = at(doc, f.path);
  const exists = x !== undefined && x !== null && x !== '';
  switch (f.op) {
    case 'exists':
      return exists;
    case 'notExists':
      return !exists;
    case 'equals':
      return equals(x, f.value);
    case 'notEquals':
      return !equals(x, f.value);
    case 'contains':
      return contains(x, f.value);
    case 'notContains':
      return !contains(x, f.value);
    case 'in':
      return Array.isArray(f.value) && f.value.some((v) => equals(x, v));
    case 'greaterThan':
      return (order(x, f.value) ?? -2) > 0;
    case 'greaterOrEqual':
      return (order(x, f.value) ?? -2) >= 0;
    case 'lessThan': {
      const o = order(x, f.value);
      return o !== null && o < 0;
    }
    case 'lessOrEqual': {
      const o = order(x, f.value);
      return o !== null && o <= 0;
    }
  }
}

export function inSegment(customer: RefCustomer, rule: SegmentRule, now: number, rules: Map<string, SegmentRule>): boolean {
  const test = (c: SegmentCondition): boolean => {
    switch (c.kind) {
      case 'trait':
        return filterMatches(customer.traits, c.filter);
      case 'eventCount': {
        const n = customer.events.filter((e) => e.name === c.event && e.timestamp >= now - c.windowMs && c.where.every((f) => filterMatches(e.properties, f))).length;
        return c.op === 'greaterOrEqual' ? n >= c.count : c.op === 'greaterThan' ? n > c.count : c.op === 'equals' ? n === c.count : c.op === 'lessOrEqual' ? n <= c.count : n < c.count;
      }
      case 'group':
        return c.match === 'all' ? c.conditions.every(test) : c.conditions.some(test);
      case 'segment': {
        const other = rules.get(c.segmentId);
        const member = other ? inSegment(customer, other, now, rules) : false;
        return c.in ? member : !member;
      }
    }
  };
  return rule.match === 'all' ? rule.conditions.every(test) : rule.conditions.some(test);
}
