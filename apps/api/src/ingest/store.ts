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
}

function traitsOf(e: ParsedEvent): Record<string, unknown> | undefined {
  if (e.type === 'identify') return e.traits ?? undefined;
  const ctx = e.context?.traits;
  return ctx && typeof ctx === 'object' && !Array.isArray(ctx) ? (ctx as Record<string, unknown>) : undefined;
}

function keysOf(e: ParsedEvent): IdentityKey[] {
  const keys = identitiesOf({
    userId: e.userId ?? undefined,
    anonymousId: e.anonymousId ?? undefined,
    traits: traitsOf(e),
    externalIds: e.context?.externalIds,
  });
  return keys;
}

/** alias: previousId may have been an anonymousId or an older userId; both spellings are looked up. */
function previousKeys(e: ParsedEvent): IdentityKey[] {
  if (e.type !== 'alias' || !e.previousId) return [];
  return [
    { type: 'user_id', value: e.previousId },
    { type: 'anonymous_id', value: e.previousId },
  ];
}

function nameOf(e: ParsedEvent): string | null {
  if (e.type === 'track') return e.event ?? null;
  if (e.type === 'page' || e.type === 'screen') return e.name ?? null;
  return null;
}

export async function storeEvents(
  client: Client,
  workspaceId: string,
  parsed: ParsedEvent[],
  envelopeSentAt: string | number | null,
  receivedAt: number = Date.now(),
): Promise<IngestedEvent[]> {
  if (parsed.length === 0) return [];
  const withIds = parsed.map((e) => ({ e, messageId: e.messageId ?? `braid-${newId(receivedAt)}` }));

  const tx = await client.transaction('write');
  try {
    const resolver = new BatchResolver(tx, workspaceId, receivedAt, identityCacheFor(client));
    const result = await storeInTransaction(tx, resolver, workspaceId, withIds, envelopeSentAt, receivedAt);
    await tx.commit();
    resolver.committed();
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
  withIds: Array<{ e: ParsedEvent; messageId: string }>,
  envelopeSentAt: string | number | null,
  receivedAt: number,
): Promise<IngestedEvent[]> {
  const ids = [...new Set(withIds.map((x) => x.messageId))];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rs = await tx.execute({
      sql: `SELECT message_id FROM events WHERE workspace_id = ? AND message_id IN (${placeholders(part.length)})`,
      args: [workspaceId, ...part],
    });
    for (const r of rs.rows) known.add(String(r.message_id));
  }
  // A retried event is stored once, whether the retry is in a later request or this one.
  const fresh = withIds.filter((x) => {
    if (known.has(x.messageId)) return false;
    known.add(x.messageId);
    return true;
  });
  if (fresh.length === 0) return [];

  const keyed = fresh.map((x) => ({ ...x, keys: keysOf(x.e), previous: previousKeys(x.e) }));
  await resolver.load(keyed.flatMap((x) => [...x.keys, ...x.previous]));

  const rows: StoredEvent[] = [];
  const owners: string[] = [];
  for (const { e, messageId, keys, previous } of keyed) {
    // Link the previousId spelling we know; an unknown one is kept as an anonymous id.
    const known = previous.filter((k) => resolver.knows(k));
    const all = previous.length ? [...keys, ...(known.length ? known : previous.slice(1))] : keys;
    const customerId = resolver.resolve(all, `${e.type}:${messageId}`);
    const sentAt = toMillis(e.sentAt ?? envelopeSentAt);
    const timestamp = correctedTimestamp({
      timestamp: toMillis(e.timestamp ?? e.originalTimestamp),
      sentAt,
      receivedAt,
    });
    if (e.type === 'identify' && e.traits) {
      const traits = { ...e.traits };
      const phone = normalizePhone(traits.phone);
      if (phone) traits.phone = phone;
      resolver.setTraits(customerId, traits);
    }
    resolver.seen(customerId, timestamp);
    owners.push(customerId);
    rows.push({
      id: newId(receivedAt),
      workspaceId,
      messageId,
      customerId,
      type: e.type as EventType,
      userId: e.userId ?? null,
      anonymousId: e.anonymousId ?? null,
      name: nameOf(e),
      properties: e.properties ?? {},
      traits: e.traits ?? null,
      groupId: e.groupId ?? null,
      previousId: e.previousId ?? null,
      context: e.context ?? {},
      timestamp,
      sentAt,
      receivedAt,
    });
  }
  await resolver.flush();
  // Inside this write transaction nobody else can insert (BEGIN IMMEDIATE holds the database's
  // write lock), so the dedupe read above is exact; ON CONFLICT stays as a guard.
  for (let i = 0; i < rows.length; i += 100) {
    const part = rows.slice(i, i + 100);
    const args: InValue[] = [];
    for (let j = 0; j < part.length; j++) {
      const r = part[j]!;
      r.customerId = resolver.live(owners[i + j]!);
      args.push(
        r.id,
        r.workspaceId,
        r.messageId,
        r.customerId,
        r.type,
        r.userId,
        r.anonymousId,
        r.name,
        JSON.stringify(r.properties),
        r.traits === null ? null : JSON.stringify(r.traits),
        r.groupId,
        r.previousId,
        JSON.stringify(r.context),
        r.timestamp,
        r.sentAt,
        r.receivedAt,
      );
    }
    await tx.execute({
      sql: multiRowInsert('events', eventColumns, part.length, 'ON CONFLICT DO NOTHING'),
      args,
    });
  }
  return rows.map((event) => ({ workspaceId, customerId: event.customerId, event }));
}

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
