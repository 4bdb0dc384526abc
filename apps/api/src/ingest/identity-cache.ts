// Which customer owns an identity rarely changes: only a merge re-points identities, and every
// merge is recorded in customer_merges. So a process can remember identity → customer and each
// customer's last written "last seen", as long as no merge happened since: each request reads
// the latest merge's rowid (one index probe) and drops everything if it moved.
import type { Client } from '@braid/db';

const MAX_ENTRIES = 500_000;

export class IdentityCache {
  /** rowid of the newest customer_merges row when the entries were filled; -1 = unknown. */
  epoch = -1;
  readonly owners = new Map<string, string>();
  readonly lastSeen = new Map<string, number>();

  sync(epoch: number): void {
    if (epoch !== this.epoch) {
      this.clear();
      this.epoch = epoch;
    }
  }

  clear(): void {
    this.owners.clear();
    this.lastSeen.clear();
    this.epoch = -1;
  }

  remember(owners: Iterable<[string, string]>, lastSeen: Iterable<[string, number]>): void {
    if (this.owners.size > MAX_ENTRIES || this.lastSeen.size > MAX_ENTRIES) this.clear();
    for (const [key, id] of owners) this.owners.set(key, id);
    for (const [id, at] of lastSeen) this.lastSeen.set(id, at);
  }
}

const caches = new WeakMap<Client, IdentityCache>();

/** One cache per database client (tests run several databases in one process). */
export function identityCacheFor(client: Client): IdentityCache {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new IdentityCache()));
  return cache;
}
