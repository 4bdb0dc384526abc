// One request's events, stored atomically: dedupe by messageId, resolve identities, insert.
import {
  multiRowInsert,
  newId,
  placeholders,
  type Client,
  type EventType,
  type InValue,
  type Transaction,
  type events,
} from '@braid/db';
import { catalogueUpkeepFor } from '../catalogue/upkeep';
import { identitiesOf, normalizePhone, type IdentityKey } from '../identity/normalize';
import { identityCacheFor } from './identity-cache';
import { BatchResolver } from './resolver';
import type { ParsedEvent } from './schema';
import { correctedTimestamp, toMillis } from './timestamps';

export type StoredEvent = typeof events.$inferSelect;

/** What `onEventsIngested` receives for every newly stored event (retried duplicates excluded). */
export interface IngestedEvent {
  workspaceId: string;
  /** The surviving profile after this request's merges. */
  customerId: string;
  event: StoredEvent;
  /** The routing intent (one per request) to clear once the event is routed. */
  intentId?: string;
}

function traitsOf(e: ParsedEvent): Record<string, unknown> | undefined {
  if (e.type === 'identify') return e.traits ?? undefined;
  const ctx = e.context?.traits;
  return ctx && typeof ctx === 'object' && !Array.isArray(ctx) ? (ctx as Record<string, unknown>) : undefined;
}

function keysOf(e: ParsedEvent, onlyVerified: boolean): IdentityKey[] {
  if (onlyVerified) return identitiesOf({ userId: e.userId ?? undefined, anonymousId: e.anonymousId ?? undefined });
  const keys = identitiesOf({
    userId: e.userId ?? undefined,
    anonymousId: e.anonymousId ?? undefined,
    traits: traitsOf(e),
    externalIds: e.context?.externalIds,
  });
  return keys;
}

/**
 * alias: previousId may have been an anonymousId or an older userId; both spellings are looked up
 * (the anonymous one last). An unverified previousId is only ever an anonymous id: a page could
 * otherwise alias someone else's user id into its own profile.
 */
function previousKeys(e: ParsedEvent, onlyVerified: boolean): IdentityKey[] {
  if (e.type !== 'alias' || !e.previousId) return [];
  const anonymous = { type: 'anonymous_id', value: e.previousId };
  return onlyVerified ? [anonymous] : [{ type: 'user_id', value: e.previousId }, anonymous];
}

export interface StoreOptions {
  /**
   * The request comes from a page of a workspace that verifies identities: profiles are found
   * only through its (verified) userId and anonymousId. An email, phone or channel id in its
   * traits is kept as a trait but links no profile, or typing someone's email would join theirs.
   */
  onlyVerifiedIdentities?: boolean;
}

/**
 * Page and screen calls become one event a marketer can pick ("Page Viewed" / "Screen Viewed")
 * whatever the page is called; which page is a property (`name`, `category`), so a journey can
 * wait for any visit or filter on one page. Naming the event after the page would make every
 * page of a shop a different event no template could wait for.
 */
export const PAGE_VIEWED = 'Page Viewed';
export const SCREEN_VIEWED = 'Screen Viewed';

function nameOf(e: ParsedEvent): string | null {
  if (e.type === 'track') return e.event ?? null;
  if (e.type === 'page') return PAGE_VIEWED;
  if (e.type === 'screen') return SCREEN_VIEWED;
  return null;
}

/** The page's name and category travel as properties (the call's own properties win). */
function propertiesOf(e: ParsedEvent): Record<string, unknown> {
  const own = e.properties ?? {};
  if (e.type !== 'page' && e.type !== 'screen') return own;
  return {
    ...(e.name != null ? { name: e.name } : {}),
    ...(e.category != null ? { category: e.category } : {}),
    ...own,
  };
}

/**
 * Everything about one event that needs no database: computed before the write transaction
 * begins, so the write lock is held only for SQL and resolution.
 */
interface Prepared {
  e: ParsedEvent;
  messageId: string;
  keys: IdentityKey[];
  previous: IdentityKey[];
  sentAt: number | null;
  timestamp: number;
  properties: string;
  traits: string | null;
  context: string;
}

const NO_KEYS: IdentityKey[] = [];

function prepare(e: ParsedEvent, envelopeSentAt: string | number | null, receivedAt: number, onlyVerified: boolean): Prepared {
  const sentAt = toMillis(e.sentAt ?? envelopeSentAt);
  return {
    e,
    messageId: e.messageId ?? `braid-${newId(receivedAt)}`,
    keys: keysOf(e, onlyVerified),
    previous: e.type === 'alias' ? previousKeys(e, onlyVerified) : NO_KEYS,
    sentAt,
    timestamp: correctedTimestamp({ timestamp: toMillis(e.timestamp ?? e.originalTimestamp), sentAt, receivedAt }),
    properties: JSON.stringify(propertiesOf(e)),
    traits: e.traits ? JSON.stringify(e.traits) : null,
    context: JSON.stringify(e.context ?? {}),
  };
}

export async function storeEvents(
  client: Client,
  workspaceId: string,
  parsed: ParsedEvent[],
  envelopeSentAt: string | number | null,
  receivedAt: number = Date.now(),
  options: StoreOptions = {},
): Promise<IngestedEvent[]> {
  if (parsed.length === 0) return [];
  const onlyVerified = options.onlyVerifiedIdentities === true;
  const prepared = new Array<Prepared>(parsed.length);
  for (let i = 0; i < parsed.length; i++) prepared[i] = prepare(parsed[i]!, envelopeSentAt, receivedAt, onlyVerified);

  const tx = await client.transaction('write');
  try {
    const resolver = new BatchResolver(tx, workspaceId, receivedAt, identityCacheFor(client));
    const result = await storeInTransaction(tx, resolver, workspaceId, prepared, receivedAt);
    await tx.commit();
    resolver.committed();
    // In memory only; written in bulk once a second (see catalogue/upkeep.ts).
    catalogueUpkeepFor(client).observe(workspaceId, result.map((r) => r.event));
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

async function storeInTransaction(
  tx: Transaction,
  resolver: BatchResolver,
  workspaceId: string,
  prepared: Prepared[],
  receivedAt: number,
): Promise<IngestedEvent[]> {
  const ids = [...new Set(prepared.map((x) => x.messageId))];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.length <= 500 ? ids : ids.slice(i, i + 500);
    const rs = await tx.execute({
      sql: `SELECT message_id FROM events WHERE workspace_id = ? AND message_id IN (${placeholders(part.length)})`,
      args: [workspaceId, ...part],
    });
    for (const r of rs.rows) known.add(String(r.message_id));
  }
  // A retried event is stored once, whether the retry is in a later request or this one.
  const fresh: Prepared[] = [];
  const allKeys: IdentityKey[] = [];
  for (const x of prepared) {
    if (known.has(x.messageId)) continue;
    known.add(x.messageId);
    fresh.push(x);
    for (const k of x.keys) allKeys.push(k);
    for (const k of x.previous) allKeys.push(k);
  }
  if (fresh.length === 0) return [];
  await resolver.load(allKeys);

  const owners = new Array<string>(fresh.length);
  for (let i = 0; i < fresh.length; i++) {
    const { e, messageId, keys, previous, timestamp } = fresh[i]!;
    // Link the previousId spelling we know; an unknown one is kept as an anonymous id.
    let all = keys;
    if (previous.length) {
      const known = previous.filter((k) => resolver.knows(k));
      all = [...keys, ...(known.length ? known : previous.slice(-1))];
    }
    const customerId = resolver.resolve(all, `${e.type}:${messageId}`);
    if (e.type === 'identify' && e.traits) {
      const traits = { ...e.traits };
      const phone = normalizePhone(traits.phone);
      if (phone) traits.phone = phone;
      resolver.setTraits(customerId, traits);
    }
    resolver.seen(customerId, timestamp);
    owners[i] = customerId;
  }
  await resolver.flush();
  // Inside this write transaction nobody else can insert (BEGIN IMMEDIATE holds the database's
  // write lock), so the dedupe read above is exact; ON CONFLICT stays as a guard.
  const result = new Array<IngestedEvent>(fresh.length);
  for (let i = 0; i < fresh.length; i += 100) {
    const n = Math.min(100, fresh.length - i);
    const args = new Array<InValue>(n * eventColumns.length);
    let a = 0;
    for (let j = i; j < i + n; j++) {
      const x = fresh[j]!;
      const e = x.e;
      const customerId = resolver.live(owners[j]!);
      const event: StoredEvent = {
        id: newId(receivedAt),
        workspaceId,
        messageId: x.messageId,
        customerId,
        type: e.type as EventType,
        userId: e.userId ?? null,
        anonymousId: e.anonymousId ?? null,
        name: nameOf(e),
        properties: propertiesOf(e),
        traits: e.traits ?? null,
        groupId: e.groupId ?? null,
        previousId: e.previousId ?? null,
        context: e.context ?? {},
        timestamp: x.timestamp,
        sentAt: x.sentAt,
        receivedAt,
      };
      result[j] = { workspaceId, customerId, event };
      args[a++] = event.id;
      args[a++] = workspaceId;
      args[a++] = event.messageId;
      args[a++] = customerId;
      args[a++] = event.type;
      args[a++] = event.userId;
      args[a++] = event.anonymousId;
      args[a++] = event.name;
      args[a++] = x.properties;
      args[a++] = x.traits;
      args[a++] = event.groupId;
      args[a++] = event.previousId;
      args[a++] = x.context;
      args[a++] = event.timestamp;
      args[a++] = event.sentAt;
      args[a++] = receivedAt;
    }
    await tx.execute({
      sql: multiRowInsert('events', eventColumns, n, 'ON CONFLICT DO NOTHING'),
      args,
    });
  }
  // The routing intent commits with the events: whatever crashes after this, a dispatcher finds
  // the row and routes them (see @braid/temporal createEventDispatcher). One row per request.
  const intentId = newId(receivedAt);
  await tx.execute({
    sql: 'INSERT INTO routing_intents (id, workspace_id, event_ids, available_at, created_at) VALUES (?, ?, ?, ?, ?)',
    args: [intentId, workspaceId, JSON.stringify(result.map((r) => r.event.id)), receivedAt + ROUTING_LEASE_MS, receivedAt],
  });
  for (const r of result) r.intentId = intentId;
  return result;
}

/**
 * How long the ingesting process owns an event's routing before a dispatcher may replay it.
 * Longer than routing normally takes under load, so replays are rare; they are harmless anyway.
 */
export const ROUTING_LEASE_MS = 60_000;

const eventColumns = [
  'id',
  'workspace_id',
  'message_id',
  'customer_id',
  'type',
  'user_id',
  'anonymous_id',
  'name',
  'properties',
  'traits',
  'group_id',
  'previous_id',
  'context',
  'timestamp',
  'sent_at',
  'received_at',
] as const;
