// Identity resolution for one request, inside its transaction: load every profile the request's
// identities point at in two queries, decide in memory (merges included), write back in bulk.
import {
  and,
  customerIdentities,
  customerMerges,
  customers,
  eq,
  inArray,
  newId,

  repointCustomerData,
  sql,
  type Traits,
  type Tx,
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
    private readonly tx: Tx,
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
        const rows = await this.tx
          .select({ value: customerIdentities.value, customerId: customerIdentities.customerId })
          .from(customerIdentities)
          .where(
            and(
              eq(customerIdentities.workspaceId, this.workspaceId),
              eq(customerIdentities.type, type),
              inArray(customerIdentities.value, part),
            ),
          );
        for (const row of rows) {
          this.owners.set(keyOf(type, row.value), row.customerId);
          customerIds.add(row.customerId);
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
        const rows = await this.tx
          .select()
          .from(customers)
          .where(and(eq(customers.workspaceId, this.workspaceId), inArray(customers.id, part)));
        for (const row of rows) {
          this.profiles.set(row.id, {
            id: row.id,
            traits: row.traits ?? {},
            createdAt: row.createdAt,
            lastSeenAt: row.lastSeenAt,
            mergedInto: row.mergedInto,
            stored: true,
            dirty: false,
          });
          if (row.mergedInto && !this.profiles.has(row.mergedInto)) next.push(row.mergedInto);
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

  seen(customerId: string, at: number): void {
    const p = this.profiles.get(this.live(customerId))!;
    if (p.lastSeenAt === null || at > p.lastSeenAt) {
      p.lastSeenAt = at;
      p.dirty = true;
    }
  }

  /** Write profiles, identities and merges. Events are written by the caller afterwards. */
  async flush(): Promise<number> {
    const dirty = [...this.profiles.values()].filter((p) => p.dirty);
    for (const part of chunks(dirty, 200)) {
      await this.tx
        .insert(customers)
        .values(
          part.map((p) => ({
            id: p.id,
            workspaceId: this.workspaceId,
            traits: p.traits,
            mergedInto: p.mergedInto,
            createdAt: p.createdAt,
            updatedAt: this.now,
            lastSeenAt: p.lastSeenAt,
          })),
        )
        .onConflictDoUpdate({
          target: customers.id,
          set: {
            traits: sql`excluded.traits`,
            mergedInto: sql`excluded.merged_into`,
            createdAt: sql`excluded.created_at`,
            updatedAt: sql`excluded.updated_at`,
            lastSeenAt: sql`excluded.last_seen_at`,
          },
        });
    }
    for (const part of chunks(this.newIdentities, 300)) {
      await this.tx.insert(customerIdentities).values(
        part.map((i) => ({ workspaceId: this.workspaceId, type: i.type, value: i.value, customerId: this.live(i.customerId) })),
      );
    }
    for (const m of this.merges) {
      const intoId = this.live(m.intoId);
      if (this.profiles.get(m.fromId)?.stored) {
        await repointCustomerData(this.tx, this.workspaceId, m.fromId, intoId);
        // Profiles merged earlier into the one merged now must point at the survivor too.
        await this.tx
          .update(customers)
          .set({ mergedInto: intoId, updatedAt: this.now })
          .where(and(eq(customers.workspaceId, this.workspaceId), eq(customers.mergedInto, m.fromId)));
      }
      await this.tx.insert(customerMerges).values({
        id: newId(this.now),
        workspaceId: this.workspaceId,
        fromId: m.fromId,
        intoId,
        reason: m.reason,
        at: this.now,
      });
    }
    return this.merges.length;
  }
}
