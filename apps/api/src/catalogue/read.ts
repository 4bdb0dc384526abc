// Reading a workspace's catalogue. The first read of a workspace whose catalogue is empty learns
// from its latest events and profiles (events ingested before the catalogue existed).
import { sql, type Db, type SeenKey } from '@braid/db';
import { catalogueUpkeepFor, writeDelta } from './upkeep';
import { emptyDelta, observeEvent, observeTraits } from './observed';

/** How far back a first read learns from. */
export const BACKFILL_EVENTS = 5_000;
export const BACKFILL_PROFILES = 5_000;
/** Days of volume the per-event detail shows. */
export const VOLUME_DAYS = 30;

export interface SeenProperty extends SeenKey {
  key: string;
}

export interface CatalogueEvent {
  name: string;
  firstSeenAt: number;
  lastSeenAt: number;
  total: number;
  properties: SeenProperty[];
}

export interface CatalogueTrait extends SeenProperty {
  firstSeenAt: number;
}

function propertyList(properties: Record<string, SeenKey>): SeenProperty[] {
  return Object.entries(properties)
    .map(([key, k]) => ({ key, types: k.types, examples: k.examples, lastSeenAt: k.lastSeenAt }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function backfillIfEmpty(db: Db, workspaceId: string): Promise<void> {
  const known = await db.all<{ n: number }>(
    sql`SELECT (SELECT count(*) FROM (SELECT 1 FROM event_catalogue WHERE workspace_id = ${workspaceId} LIMIT 1)) + (SELECT count(*) FROM (SELECT 1 FROM trait_catalogue WHERE workspace_id = ${workspaceId} LIMIT 1)) AS n`,
  );
  if (Number(known[0]?.n ?? 0) > 0) return;
  const delta = emptyDelta();
  const events = await db.all<{ name: string; timestamp: number; properties: string }>(
    sql`SELECT name, timestamp, properties FROM (SELECT name, timestamp, properties, rowid AS r FROM events WHERE workspace_id = ${workspaceId} AND name IS NOT NULL ORDER BY rowid DESC LIMIT ${BACKFILL_EVENTS}) ORDER BY r`,
  );
  for (const e of events) observeEvent(delta, e.name, Number(e.timestamp), JSON.parse(e.properties) as Record<string, unknown>);
  const profiles = await db.all<{ traits: string; at: number }>(
    sql`SELECT traits, at FROM (SELECT traits, coalesce(last_seen_at, created_at) AS at, rowid AS r FROM customers WHERE workspace_id = ${workspaceId} AND merged_into IS NULL ORDER BY rowid DESC LIMIT ${BACKFILL_PROFILES}) ORDER BY r`,
  );
  for (const p of profiles) observeTraits(delta, Number(p.at), JSON.parse(p.traits) as Record<string, unknown>);
  await writeDelta(db.$client, workspaceId, delta);
}

/** Flushes this process's pending upkeep and learns from history once, so the answer is current. */
export async function current(db: Db, workspaceId: string): Promise<void> {
  await catalogueUpkeepFor(db.$client).flush();
  await backfillIfEmpty(db, workspaceId);
}

export async function readCatalogue(db: Db, workspaceId: string): Promise<{ events: CatalogueEvent[]; traits: CatalogueTrait[] }> {
  await current(db, workspaceId);
  const rows = await db.all<{ event: string; first_seen_at: number; last_seen_at: number; total: number; properties: string }>(
    sql`SELECT event, first_seen_at, last_seen_at, total, properties FROM event_catalogue WHERE workspace_id = ${workspaceId} ORDER BY total DESC, event`,
  );
  const traits = await db.all<{ key: string; types: string; examples: string; first_seen_at: number; last_seen_at: number }>(
    sql`SELECT key, types, examples, first_seen_at, last_seen_at FROM trait_catalogue WHERE workspace_id = ${workspaceId} ORDER BY key`,
  );
  return {
    events: rows.map((r) => ({
      name: r.event,
      firstSeenAt: Number(r.first_seen_at),
      lastSeenAt: Number(r.last_seen_at),
      total: Number(r.total),
      properties: propertyList(JSON.parse(r.properties) as Record<string, SeenKey>),
    })),
    traits: traits.map((t) => ({
      key: t.key,
      types: JSON.parse(t.types) as string[],
      examples: JSON.parse(t.examples) as string[],
      firstSeenAt: Number(t.first_seen_at),
      lastSeenAt: Number(t.last_seen_at),
    })),
  };
}

/** One event with its volume per UTC day over the last VOLUME_DAYS days; null when never seen. */
export async function readCatalogueEvent(db: Db, workspaceId: string, name: string, now = Date.now()) {
  await current(db, workspaceId);
  const rows = await db.all<{ event: string; first_seen_at: number; last_seen_at: number; total: number; properties: string }>(
    sql`SELECT event, first_seen_at, last_seen_at, total, properties FROM event_catalogue WHERE workspace_id = ${workspaceId} AND event = ${name}`,
  );
  const r = rows[0];
  if (!r) return null;
  const since = new Date(now - (VOLUME_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const days = await db.all<{ day: string; count: number }>(
    sql`SELECT day, count FROM event_catalogue_days WHERE workspace_id = ${workspaceId} AND event = ${name} AND day >= ${since} ORDER BY day`,
  );
  return {
    name: r.event,
    firstSeenAt: Number(r.first_seen_at),
    lastSeenAt: Number(r.last_seen_at),
    total: Number(r.total),
    properties: propertyList(JSON.parse(r.properties) as Record<string, SeenKey>),
    volume: days.map((d) => ({ day: d.day, count: Number(d.count) })),
  };
}
