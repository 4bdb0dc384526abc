// What a stream of events adds to a workspace's catalogue, gathered in memory: one cheap pass per
// event (no JSON, no dates), so ingestion pays almost nothing; flush.ts writes it out in bulk.
import type { SeenKey } from '@braid/db';

/** Distinct recent example values kept per key. */
export const EXAMPLES_PER_KEY = 3;
/** Keys kept per event (and trait keys per workspace): a catalogue, not a copy of the data. */
export const MAX_KEYS = 200;
/** Longer example values are cut (an example shows what a value looks like). */
export const EXAMPLE_CHARS = 80;

export const DAY_MS = 86_400_000;

export interface KeyDelta {
  types: Set<string>;
  /** Most recent first. */
  examples: string[];
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface EventDelta {
  firstSeenAt: number;
  lastSeenAt: number;
  count: number;
  /** UTC day number (ms / DAY_MS) → events that day. */
  days: Map<number, number>;
  properties: Map<string, KeyDelta>;
}

export interface WorkspaceDelta {
  events: Map<string, EventDelta>;
  traits: Map<string, KeyDelta>;
}

/** The JSON type a marketer's picker shows ("string", "number", "boolean", "array", "object", "null"). */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function example(value: unknown): string | null {
  const t = typeof value;
  if (t === 'string') return (value as string).length > EXAMPLE_CHARS ? (value as string).slice(0, EXAMPLE_CHARS) : (value as string);
  if (t === 'number' || t === 'boolean') return String(value);
  return null;
}

function seeKey(into: Map<string, KeyDelta>, key: string, value: unknown, at: number): void {
  let k = into.get(key);
  if (!k) {
    if (into.size >= MAX_KEYS) return;
    into.set(key, (k = { types: new Set(), examples: [], firstSeenAt: at, lastSeenAt: at }));
  }
  // Ingestion calls this for every property of every event: the common case (same type as the
  // last value, examples already gathered in this window) touches nothing but two numbers.
  const type = typeof value === 'object' ? typeOf(value) : typeof value;
  if (!k.types.has(type)) k.types.add(type);
  if (at > k.lastSeenAt) k.lastSeenAt = at;
  else if (at < k.firstSeenAt) k.firstSeenAt = at;
  // Examples are gathered until a window (one flush, at most a second) has a few distinct ones:
  // they are this second's values, recent enough for a picker, without churn on every event.
  if (k.examples.length >= EXAMPLES_PER_KEY) return;
  const ex = example(value);
  if (ex !== null && !k.examples.includes(ex)) k.examples.unshift(ex);
}

export function emptyDelta(): WorkspaceDelta {
  return { events: new Map(), traits: new Map() };
}

export function observeEvent(into: WorkspaceDelta, name: string, at: number, properties: Record<string, unknown> | null | undefined): void {
  let e = into.events.get(name);
  if (!e) into.events.set(name, (e = { firstSeenAt: at, lastSeenAt: at, count: 0, days: new Map(), properties: new Map() }));
  e.count++;
  if (at < e.firstSeenAt) e.firstSeenAt = at;
  if (at > e.lastSeenAt) e.lastSeenAt = at;
  const day = Math.floor(at / DAY_MS);
  e.days.set(day, (e.days.get(day) ?? 0) + 1);
  if (properties) for (const key in properties) seeKey(e.properties, key, properties[key], at);
}

export function observeTraits(into: WorkspaceDelta, at: number, traits: Record<string, unknown> | null | undefined): void {
  if (!traits) return;
  for (const key in traits) seeKey(into.traits, key, traits[key], at);
}

/** A stored key merged with what arrived since: types unioned, newest examples first. */
export function mergeKey(stored: SeenKey | undefined, fresh: KeyDelta): SeenKey {
  const types = new Set(stored?.types ?? []);
  for (const t of fresh.types) types.add(t);
  const examples = [...fresh.examples];
  for (const ex of stored?.examples ?? []) if (examples.length < EXAMPLES_PER_KEY && !examples.includes(ex)) examples.push(ex);
  return { types: [...types].sort(), examples, lastSeenAt: Math.max(stored?.lastSeenAt ?? 0, fresh.lastSeenAt) };
}

export function mergeProperties(stored: Record<string, SeenKey>, fresh: Map<string, KeyDelta>): Record<string, SeenKey> {
  const out: Record<string, SeenKey> = { ...stored };
  for (const [key, delta] of fresh) {
    if (!(key in out) && Object.keys(out).length >= MAX_KEYS) continue;
    out[key] = mergeKey(out[key], delta);
  }
  return out;
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
