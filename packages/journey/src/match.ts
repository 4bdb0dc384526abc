// Event and property matching, shared by the interpreter (wait-for-event, goal, exit criteria),
// the simulator, and the runtime's routing of ingested events to triggers.
import type { Comparison, CustomerEvent, EventMatcher, Json, PropertyFilter } from '@braid/sdk';

/** The part of an event matching needs; ingestion can pass its own event rows. */
export type MatchableEvent = { name: string; properties: Record<string, Json> };

export function getPath(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of path.split('.')) {
    // Own properties only: "constructor" or "toString" must not find Object.prototype's.
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function isRef(v: unknown): v is { ref: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { ref?: unknown }).ref === 'string';
}

/** Resolves `{ ref: 'entry.properties.cart_id' }` (or `entry.name`) against the entry event. */
export function resolveValue(value: PropertyFilter['value'], entryEvent: MatchableEvent | CustomerEvent | null): unknown {
  if (!isRef(value)) return value;
  const [root, ...rest] = value.ref.split('.');
  if (root === 'entry' || root === 'event') return entryEvent ? getPath(entryEvent, rest.join('.')) : undefined;
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    if (!Number.isNaN(n)) return n;
    // Dates only in ISO form: V8's Date.parse also reads "size 2" as a day in 2001.
    const d = ISO_DATE.test(v.trim()) ? Date.parse(v) : Number.NaN;
    if (!Number.isNaN(d)) return d;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}

/** Marketers type "Hà Nội" and "hà nội" alike, and numbers arrive as strings from forms: compare loosely. */
function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return !Number.isNaN(x) && x === y;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((x) => looseEqual(x, expected));
  if (typeof actual === 'string' && expected !== null && expected !== undefined)
    return actual.toLocaleLowerCase().includes(String(expected).toLocaleLowerCase());
  return false;
}

export function compare(op: Comparison, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'notExists':
      return actual === undefined || actual === null || actual === '';
    case 'equals':
      return looseEqual(actual, expected);
    case 'notEquals':
      return !looseEqual(actual, expected);
    case 'greaterThan':
    case 'greaterOrEqual':
    case 'lessThan':
    case 'lessOrEqual': {
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return op === 'greaterThan' ? a > b : op === 'greaterOrEqual' ? a >= b : op === 'lessThan' ? a < b : a <= b;
    }
    case 'contains':
      return contains(actual, expected);
    case 'notContains':
      return !contains(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((x) => looseEqual(actual, x));
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

/** Property paths may be written with or without the `properties.` prefix. */
function propertyOf(properties: Record<string, Json>, path: string): unknown {
  return getPath(properties, path.startsWith('properties.') ? path.slice('properties.'.length) : path);
}

export function matchesFilters(
  filters: readonly PropertyFilter[],
  properties: Record<string, Json>,
  entryEvent: MatchableEvent | null,
  all = true,
): boolean {
  if (filters.length === 0) return true;
  const test = (f: PropertyFilter) => {
    const expected = resolveValue(f.value, entryEvent);
    // "cart_id equals the entry's cart_id" when the entry had none must not match every cart-less
    // order: a reference to nothing makes the comparison false (exists/notExists ignore the value).
    if (isRef(f.value) && (expected === undefined || expected === null) && f.op !== 'exists' && f.op !== 'notExists') return false;
    return compare(f.op, propertyOf(properties, f.path), expected);
  };
  return all ? filters.every(test) : filters.some(test);
}

/**
 * Does `event` match `matcher`? Property filters may compare with the entry event
 * (`{ ref: 'entry.properties.cart_id' }`); pass `null` when matching triggers.
 */
export function matchesEvent(matcher: EventMatcher, event: MatchableEvent, entryEvent: MatchableEvent | null): boolean {
  if (event.name !== matcher.event) return false;
  return matchesFilters(matcher.where, event.properties ?? {}, entryEvent);
}
