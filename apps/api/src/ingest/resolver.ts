// Identity resolution for one request, inside its write transaction: find the customers the
// request's identities point at (process cache first, then one query per identity type), decide
// in memory (merges included), then write back in a few statements. Profile traits are never
// read: identify traits and merges are applied in SQL with json_patch, so a busy customer costs
// nothing beyond the event itself.
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
import type { IdentityCache } from './identity-cache';

interface Profile {
  id: string;
  /** Created by this request (inserted at flush) rather than read from the database. */
  isNew: boolean;
  mergedInto: string | null;
  /** Latest event time seen in this request. */
  seenAt: number | null;
  /** Traits set by identify calls in this request, in order (later wins). */
  patch: Traits | null;
  /** Profiles merged into this one in this request, oldest merge first. */
  absorbed: string[];
}

/** "Last seen" is kept to the minute: rewriting a busy customer's row per event costs too much. */
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
  /** Identities read from the database (not the cache) in this request. */
  private learned: Array<[string, string]> = [];

  constructor(
    private readonly tx: Pick<Transaction, 'execute'>,
    private readonly workspaceId: string,
    private readonly now: number,
    private readonly cache: IdentityCache,
  ) {}

  /** Find the owners of every identity the request mentions. */
  async load(keys: IdentityKey[]): Promise<void> {
    const epoch = await this.tx.execute('SELECT coalesce(max(rowid), 0) AS e FROM customer_merges');
    this.cache.sync(Number(epoch.rows[0]?.e ?? 0));

    const byType = new Map<string, Set<string>>();
    for (const k of keys) {
      const key = this.cacheKey(k.type, k.value);
      const cached = this.cache.owners.get(key);
      if (cached) {
        this.owners.set(keyOf(k.type, k.value), cached);
        this.stored(cached);
        continue;
      }
      let set = byType.get(k.type);
      if (!set) byType.set(k.type, (set = new Set()));
      set.add(k.value);
    }
    const found = new Set<string>();
    for (const [type, values] of byType) {
      for (const part of chunks([...values])) {
        const rs = await this.tx.execute({
          sql: `SELECT value, customer_id FROM customer_identities WHERE workspace_id = ? AND type = ? AND value IN (${placeholders(part.length)})`,
          args: [this.workspaceId, type, ...part],
        });
        for (const row of rs.rows) {
          const customerId = String(row.customer_id);
          const value = String(row.value);
          this.owners.set(keyOf(type, value), customerId);
          this.learned.push([type, value]);
          found.add(customerId);
        }
      }
    }
    // Identities found in the database may point at a profile merged elsewhere: follow it.
    let pending = [...found].filter((id) => !this.profiles.has(id));
    while (pending.length > 0) {
      const next: string[] = [];
      for (const part of chunks(pending)) {
        // By primary key only: with workspace_id in the WHERE, SQLite may walk the workspace index.
        const rs = await this.tx.execute({
          sql: `SELECT id, workspace_id, merged_into FROM customers WHERE id IN (${placeholders(part.length)})`,
          args: part,
        });
        for (const row of rs.rows) {
          if (row.workspace_id !== this.workspaceId) continue;
          const id = String(row.id);
          const mergedInto = row.merged_into === null ? null : String(row.merged_into);
          this.stored(id).mergedInto = mergedInto;
          if (mergedInto && !this.profiles.has(mergedInto)) next.push(mergedInto);
        }
      }
      pending = next;
    }
  }

  private cacheKey(type: string, value: string): string {
    return `${this.workspaceId}\u0000${type}\u0000${value}`;
  }

  private stored(id: string): Profile {
    let p = this.profiles.get(id);
    if (!p) {
      p = { id, isNew: false, mergedInto: null, seenAt: null, patch: null, absorbed: [] };
      this.profiles.set(id, p);
    }
    return p;
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
        isNew: true,
        mergedInto: null,
        seenAt: null,
        patch: null,
        absorbed: [],
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
    from.mergedInto = intoId;
    // What the merged profile gathered in this request moves with it; its stored traits only
    // fill gaps in the survivor's (json_patch at flush), newer identify traits win over both.
    into.absorbed.push(fromId, ...from.absorbed);
    from.absorbed = [];
    if (from.patch) into.patch = { ...from.patch, ...(into.patch ?? {}) };
    from.patch = null;
    if (from.seenAt !== null && (into.seenAt === null || from.seenAt > into.seenAt))
      into.seenAt = from.seenAt;
    this.merges.push({ fromId, intoId, reason });
  }

  setTraits(customerId: string, traits: Traits): void {
    const p = this.profiles.get(this.live(customerId))!;
    p.patch = { ...(p.patch ?? {}), ...traits };
  }

  seen(customerId: string, at: number): void {
    const p = this.profiles.get(this.live(customerId))!;
    if (p.seenAt === null || at > p.seenAt) p.seenAt = at;
  }

  /** Write profiles, identities and merges. Events are written by the caller afterwards. */
  async flush(): Promise<void> {
    const all = [...this.profiles.values()];
    // 1. New profiles, merged-away ones included (they keep their id for the record).
    const fresh = all.filter((p) => p.isNew);
    for (const part of chunks(fresh, 200)) {
      const args: InValue[] = [];
      for (const p of part) {
        const direct = p.absorbed.length === 0 ? p.patch : null;
        args.push(
          p.id,
          this.workspaceId,
          JSON.stringify(direct ?? {}),
          p.mergedInto === null ? null : this.live(p.id),
          this.now,
          this.now,
          p.seenAt,
        );
      }
      await this.tx.execute({ sql: multiRowInsert('customers', customerColumns, part.length), args });
    }
    // 2. Identities first seen in this request.
    for (const part of chunks(this.newIdentities, 300)) {
      const args: InValue[] = [];
      for (const i of part) args.push(this.workspaceId, i.type, i.value, this.live(i.customerId));
      await this.tx.execute({
        sql: multiRowInsert('customer_identities', identityColumns, part.length),
        args,
      });
    }
    // 3. Surviving stored profiles (and new ones that absorbed others): traits and last seen.
    const written: Array<[string, number]> = [];
    const seenOnly: Array<[string, number]> = [];
    for (const p of all) {
      if (p.mergedInto !== null) continue;
      if (p.isNew && p.absorbed.length === 0) {
        if (p.seenAt !== null) written.push([p.id, p.seenAt]);
        continue;
      }
      const known = this.cache.lastSeen.get(p.id);
      const seenDue = p.seenAt !== null && (known === undefined || p.seenAt - known >= LAST_SEEN_RESOLUTION_MS);
      if (!p.patch && p.absorbed.length === 0) {
        if (seenDue) seenOnly.push([p.id, p.seenAt!]);
        continue;
      }
      let traits = 'traits';
      const args: InValue[] = [];
      for (const loser of p.absorbed) {
        traits = `json_patch((SELECT traits FROM customers WHERE id = ?), ${traits})`;
        args.unshift(loser);
      }
      args.push(JSON.stringify(p.patch ?? {}), p.seenAt, this.now, p.id);
      await this.tx.execute({
        sql: `UPDATE customers SET traits = json_patch(${traits}, ?), last_seen_at = max(coalesce(last_seen_at, 0), coalesce(?, 0)), updated_at = ? WHERE id = ?`,
        args,
      });
      if (p.seenAt !== null) written.push([p.id, p.seenAt]);
    }
    // Customers who only came back: one statement for all of them.
    for (const part of chunks(seenOnly, 400)) {
      const args: InValue[] = [this.now];
      for (const [id, at] of part) args.push(id, at);
      await this.tx.execute({
        sql: `UPDATE customers SET last_seen_at = max(coalesce(customers.last_seen_at, 0), v.column2), updated_at = ? FROM (VALUES ${Array(part.length).fill('(?, ?)').join(',')}) AS v WHERE customers.id = v.column1`,
        args,
      });
      written.push(...part);
    }
    // 4. Merges of stored profiles: everything they owned follows the survivor.
    for (const m of this.merges) {
      const intoId = this.live(m.intoId);
      const from = this.profiles.get(m.fromId)!;
      if (!from.isNew) {
        await this.tx.execute({
          sql: 'UPDATE customers SET merged_into = ?, updated_at = ? WHERE id = ?',
          args: [intoId, this.now, m.fromId],
        });
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
    this.pendingLastSeen = written;
  }

  private pendingLastSeen: Array<[string, number]> = [];

  /** After commit: remember what this request learned (a merge invalidates the cache instead). */
  committed(): void {
    if (this.merges.length > 0) {
      this.cache.clear();
      return;
    }
    const owners: Array<[string, string]> = [];
    for (const [type, value] of this.learned) {
      const id = this.owners.get(keyOf(type, value));
      if (id) owners.push([this.cacheKey(type, value), this.live(id)]);
    }
    for (const i of this.newIdentities) owners.push([this.cacheKey(i.type, i.value), this.live(i.customerId)]);
    this.cache.remember(owners, this.pendingLastSeen);
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
const identityColumns = ['workspace_id', 'type', 'value', 'customer_id'] as const;
