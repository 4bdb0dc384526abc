// The per-process catalogue accumulator: ingestion hands it each committed batch (in memory
// only), and it writes what it gathered at most once a second, one upsert per (workspace, event)
// and trait key. Off the hot path on purpose: a crash loses at most a second of catalogue, which
// the next events re-teach (a catalogue, not a ledger). Reads flush first, so they are current.
import { placeholders, type Client, type InStatement, type SeenKey } from '@braid/db';
import { dayString, emptyDelta, mergeKey, mergeProperties, observeEvent, observeTraits, type WorkspaceDelta } from './observed';

export const FLUSH_EVERY_MS = 1_000;

/** The parts of a stored event the catalogue reads. */
export interface CatalogueInput {
  name: string | null;
  timestamp: number;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown>;
}

export class CatalogueUpkeep {
  private pending = new Map<string, WorkspaceDelta>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Off in the benchmark's baseline run. */
  enabled = true;

  constructor(private readonly client: Client) {}

  observe(workspaceId: string, events: readonly CatalogueInput[]): void {
    if (!this.enabled || events.length === 0) return;
    let delta = this.pending.get(workspaceId);
    if (!delta) this.pending.set(workspaceId, (delta = emptyDelta()));
    for (const e of events) {
      if (e.name !== null) observeEvent(delta, e.name, e.timestamp, e.properties);
      if (e.traits) observeTraits(delta, e.timestamp, e.traits);
      const ctx = e.context.traits;
      if (ctx && typeof ctx === 'object' && !Array.isArray(ctx)) observeTraits(delta, e.timestamp, ctx as Record<string, unknown>);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush().catch((error: unknown) => console.error('[catalogue] flush failed', error));
      }, FLUSH_EVERY_MS);
      this.timer.unref?.();
    }
  }

  /** Writes everything gathered so far; resolves once it is in the database. */
  flush(): Promise<void> {
    const taken = this.pending;
    this.pending = new Map();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // One writer at a time, so two flushes never merge from the same stale row.
    this.writing = this.writing.catch(() => undefined).then(() => this.write(taken));
    return this.writing;
  }

  private async write(taken: Map<string, WorkspaceDelta>): Promise<void> {
    for (const [workspaceId, delta] of taken) await writeDelta(this.client, workspaceId, delta);
  }
}

/** Merges one workspace's delta into the tables in one write transaction. */
export async function writeDelta(client: Client, workspaceId: string, delta: WorkspaceDelta): Promise<void> {
  if (delta.events.size === 0 && delta.traits.size === 0) return;
  const tx = await client.transaction('write');
  try {
    const names = [...delta.events.keys()];
    const stored = new Map<string, Record<string, SeenKey>>();
    for (let i = 0; i < names.length; i += 400) {
      const part = names.slice(i, i + 400);
      const rs = await tx.execute({
        sql: `SELECT event, properties FROM event_catalogue WHERE workspace_id = ? AND event IN (${placeholders(part.length)})`,
        args: [workspaceId, ...part],
      });
      for (const r of rs.rows) stored.set(String(r.event), JSON.parse(String(r.properties)) as Record<string, SeenKey>);
    }
    const statements: InStatement[] = [];
    for (const [event, e] of delta.events) {
      statements.push({
        sql: `INSERT INTO event_catalogue (workspace_id, event, first_seen_at, last_seen_at, total, properties) VALUES (?, ?, ?, ?, ?, ?)
              ON CONFLICT (workspace_id, event) DO UPDATE SET first_seen_at = min(first_seen_at, excluded.first_seen_at),
              last_seen_at = max(last_seen_at, excluded.last_seen_at), total = total + excluded.total, properties = excluded.properties`,
        args: [workspaceId, event, e.firstSeenAt, e.lastSeenAt, e.count, JSON.stringify(mergeProperties(stored.get(event) ?? {}, e.properties))],
      });
      for (const [day, count] of e.days) {
        statements.push({
          sql: `INSERT INTO event_catalogue_days (workspace_id, event, day, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, event, day) DO UPDATE SET count = count + excluded.count`,
          args: [workspaceId, event, dayString(day), count],
        });
      }
    }
    if (delta.traits.size > 0) {
      const keys = [...delta.traits.keys()];
      const storedTraits = new Map<string, SeenKey>();
      for (let i = 0; i < keys.length; i += 400) {
        const part = keys.slice(i, i + 400);
        const rs = await tx.execute({
          sql: `SELECT key, types, examples, last_seen_at FROM trait_catalogue WHERE workspace_id = ? AND key IN (${placeholders(part.length)})`,
          args: [workspaceId, ...part],
        });
        for (const r of rs.rows) {
          storedTraits.set(String(r.key), { types: JSON.parse(String(r.types)) as string[], examples: JSON.parse(String(r.examples)) as string[], lastSeenAt: Number(r.last_seen_at) });
        }
      }
      for (const [key, k] of delta.traits) {
        const merged = mergeKey(storedTraits.get(key), k);
        statements.push({
          sql: `INSERT INTO trait_catalogue (workspace_id, key, types, examples, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, key) DO UPDATE SET types = excluded.types, examples = excluded.examples,
                first_seen_at = min(first_seen_at, excluded.first_seen_at), last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
          args: [workspaceId, key, JSON.stringify(merged.types), JSON.stringify(merged.examples), k.firstSeenAt, merged.lastSeenAt],
        });
      }
    }
    for (const s of statements) await tx.execute(s);
    await tx.commit();
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

const upkeeps = new WeakMap<Client, CatalogueUpkeep>();

/** One accumulator per database client (tests run several databases in one process). */
export function catalogueUpkeepFor(client: Client): CatalogueUpkeep {
  let u = upkeeps.get(client);
  if (!u) upkeeps.set(client, (u = new CatalogueUpkeep(client)));
  return u;
}
