// Identity resolution for one request, inside its transaction: load every profile the request's
// identities point at in two queries, decide in memory (merges included), write back in bulk.
import {
  customerMerges,
  customers,
  multiRowInsert,
  newId,
  placeholders,
  repointCustomerDataSql,
  sql,
  toStatement,
  type InValue,
  type Traits,
  type Transaction,
} from '@braid/db';
import type { IdentityKey } from '../identity/normalize';

interface Profile {
  id: string;
  traits: Traits;
  createdAt: number;
  lastSeenAt: number | null;
  mergedInto: string | null;
  /** Existed before this request (its rows in other tables may need re-pointing on merge). */
  stored: boolean;
  dirty: boolean;
}

const LAST_SEEN_RESOLUTION_MS = 60_000;
const keyOf = (type: string, value: string) => `${type}\u0000${value}`;
const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class BatchResolver {
  private owners = new Map<string, string>();
  private profiles = new Map<string, Profile>();
  private newIdentities: Array<{ type: string; value: string; customerId: string }> = [];
  private merges: Array<{ fromId: string; intoId: string; reason: string }> = [];

  constructor(
    private readonly tx: Pick<Transaction, 'execute'>,
    private readonly workspaceId: string,
    private readonly now: number,
  ) {}

  /** Read every identity the request mentions and the profiles behind them. */
  async load(keys: IdentityKey[]): Promise<void> {
    const byType = new Map<string, Set<string>>();
    for (const k of keys) {
      let set = byType.get(k.type);
      if (!set) byType.set(k.type, (set = new Set()));
      set.add(k.value);
    }
    const customerIds = new Set<string>();
    for (const [type, values] of byType) {
      for (const part of chunks([...values])) {
        const rs = await this.tx.execute({
          sql: `SELECT value, customer_id FROM customer_identities WHERE workspace_id = ? AND type = ? AND value IN (${placeholders(part.length)})`,
          args: [this.workspaceId, type, ...part],
        });
        for (const row of rs.rows) {
          const customerId = String(row.customer_id);
          this.owners.set(keyOf(type, String(row.value)), customerId);
          customerIds.add(customerId);
        }
      }
    }
    await this.loadProfiles([...customerIds]);
  }

  private async loadProfiles(ids: string[]): Promise<void> {
    let pending = ids.filter((id) => !this.profiles.has(id));
    // Merged profiles point at survivors that may not be loaded yet: follow the chain.
    while (pending.length > 0) {
      const next: string[] = [];
      for (const part of chunks(pending)) {
        const rs = await this.tx.execute({
          // By primary key only: with workspace_id in the WHERE, SQLite may pick the workspace
          // index and walk every customer of the workspace.
          sql: `SELECT id, workspace_id, traits, created_at, last_seen_at, merged_into FROM customers WHERE id IN (${placeholders(part.length)})`,
          args: part,
        });
        for (const row of rs.rows) {
          if (row.workspace_id !== this.workspaceId) continue;
          const id = String(row.id);
          const mergedInto = row.merged_into === null ? null : String(row.merged_into);
          this.profiles.set(id, {
            id,
            traits: parseTraits(row.traits),
            createdAt: Number(row.created_at),
            lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
            mergedInto,
            stored: true,
            dirty: false,
          });
          if (mergedInto && !this.profiles.has(mergedInto)) next.push(mergedInto);
        }
      }
      pending = next;
    }
  }

  knows(key: IdentityKey): boolean {
    return this.owners.has(keyOf(key.type, key.value));
  }

  /** The surviving profile id for any profile id seen in this request. */
  live(id: string): string {
    let current = id;
    for (let hops = 0; hops < 64; hops++) {
      const p = this.profiles.get(current);
      if (!p?.mergedInto) return current;
      current = p.mergedInto;
    }
    return current;
  }

  /**
   * The profile an event belongs to. Identities that pointed at different profiles mean one
   * person: they merge into the profile found through the strongest identity (keys are ordered
   * strongest first), so an anonymous visitor who identifies joins the known customer.
   */
  resolve(keys: IdentityKey[], reason: string): string {
    const matched: string[] = [];
    for (const k of keys) {
      const owner = this.owners.get(keyOf(k.type, k.value));
      if (owner) {
        const id = this.live(owner);
        if (!matched.includes(id)) matched.push(id);
      }
    }
    let survivor: string;
    if (matched.length === 0) {
      survivor = newId(this.now);
      this.profiles.set(survivor, {
        id: survivor,
        traits: {},
        createdAt: this.now,
        lastSeenAt: null,
        mergedInto: null,
        stored: false,
        dirty: true,
      });
    } else {
      survivor = matched[0]!;
      for (const loser of matched.slice(1)) this.merge(loser, survivor, reason);
    }
    for (const k of keys) {
      const key = keyOf(k.type, k.value);
      if (!this.owners.has(key)) {
        this.owners.set(key, survivor);
        this.newIdentities.push({ type: k.type, value: k.value, customerId: survivor });
      }
    }
    return survivor;
  }

  private merge(fromId: string, intoId: string, reason: string): void {
    const from = this.profiles.get(fromId)!;
    const into = this.profiles.get(intoId)!;
    // The survivor's traits win; the merged profile only fills gaps.
    into.traits = { ...from.traits, ...into.traits };
    into.lastSeenAt = Math.max(into.lastSeenAt ?? 0, from.lastSeenAt ?? 0) || null;
    into.createdAt = Math.min(into.createdAt, from.createdAt);
    into.dirty = true;
    from.mergedInto = intoId;
    from.dirty = true;
    this.merges.push({ fromId, intoId, reason });
  }

  setTraits(customerId: string, traits: Traits): void {
    const p = this.profiles.get(this.live(customerId))!;
    p.traits = { ...p.traits, ...traits };
    p.dirty = true;
  }

  /**
   * "Last seen" is kept to the minute: rewriting a busy customer's row for every event would
   * cost more than storing the event itself.
   */
  seen(customerId: string, at: number): void {
    const p = this.profiles.get(this.live(customerId))!;
    if (p.lastSeenAt === null || at > p.lastSeenAt) {
      if (p.lastSeenAt === null || at - p.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) p.dirty = true;
      p.lastSeenAt = at;
    }
  }

  /** Write profiles, identities and merges. Events are written by the caller afterwards. */
  async flush(): Promise<number> {
    const dirty = [...this.profiles.values()].filter((p) => p.dirty);
    for (const part of chunks(dirty, 200)) {
      const args: InValue[] = [];
      for (const p of part) {
        args.push(
          p.id,
          this.workspaceId,
          JSON.stringify(p.traits),
          p.mergedInto,
          p.createdAt,
          this.now,
          p.lastSeenAt,
        );
      }
      await this.tx.execute({
        sql: multiRowInsert('customers', customerColumns, part.length, upsertCustomer),
        args,
      });
    }
    for (const part of chunks(this.newIdentities, 300)) {
      const args: InValue[] = [];
      for (const i of part) args.push(this.workspaceId, i.type, i.value, this.live(i.customerId));
      await this.tx.execute({
        sql: multiRowInsert('customer_identities', identityColumns, part.length),
        args,
      });
    }
    for (const m of this.merges) {
      const intoId = this.live(m.intoId);
      if (this.profiles.get(m.fromId)?.stored) {
        for (const q of repointCustomerDataSql(this.workspaceId, m.fromId, intoId))
          await this.tx.execute(toStatement(q));
        // Profiles merged earlier into the one merged now must point at the survivor too.
        await this.tx.execute(
          toStatement(
            sql`UPDATE ${customers} SET merged_into = ${intoId}, updated_at = ${this.now} WHERE workspace_id = ${this.workspaceId} AND merged_into = ${m.fromId}`,
          ),
        );
      }
      await this.tx.execute(
        toStatement(
          sql`INSERT INTO ${customerMerges} (id, workspace_id, from_id, into_id, reason, at) VALUES (${newId(this.now)}, ${this.workspaceId}, ${m.fromId}, ${intoId}, ${m.reason}, ${this.now})`,
        ),
      );
    }
    return this.merges.length;
  }
}

const customerColumns = [
  'id',
  'workspace_id',
  'traits',
  'merged_into',
  'created_at',
  'updated_at',
  'last_seen_at',
] as const;
const upsertCustomer =
  'ON CONFLICT(id) DO UPDATE SET traits = excluded.traits, merged_into = excluded.merged_into, created_at = excluded.created_at, updated_at = excluded.updated_at, last_seen_at = excluded.last_seen_at';
const identityColumns = ['workspace_id', 'type', 'value', 'customer_id'] as const;

function parseTraits(raw: unknown): Traits {
  if (typeof raw !== 'string') return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Traits) : {};
  } catch {
    return {};
  }
}
