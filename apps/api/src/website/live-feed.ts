// Immediate delivery while the visitor is on the site. The worker that sends a message is
// another process, so each API process polls once a second, with one query per workspace that has
// visitors connected (not one per visitor), for on-site messages newer than the window, and
// hands each to the connections of its customer. It runs only while someone is connected.
import { findCustomerByIdentity, type Db } from '@braid/db';
import { recentWaitingMessages, type OnsiteMessage } from './onsite-messages';

export type Connection = {
  workspaceId: string;
  anonymousId: string;
  /** Null until the visitor's first event is stored; re-read as profiles merge. */
  customerId: string | null;
  deliver: (message: OnsiteMessage) => void;
  delivered: Set<string>;
};

const POLL_MS = 1_000;
/** A message older than this was handed out by the page view's fetch. */
const WINDOW_MS = 10 * 60_000;
/** How often (in polls) each connection's customer is looked up again (a first event, a merge). */
const RESOLVE_EVERY = 5;
/** Customers per query: well under SQLite's bound on parameters. */
const CHUNK = 500;
/** Open connections one process holds at most; past it a visitor still gets messages on page views. */
export const MAX_CONNECTIONS = 20_000;

export class LiveFeed {
  private connections = new Set<Connection>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private polls = 0;
  private busy = false;

  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  get full(): boolean {
    return this.connections.size >= MAX_CONNECTIONS;
  }

  connect(connection: Connection): () => void {
    this.connections.add(connection);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref?.();
    }
    return () => {
      this.connections.delete(connection);
      if (this.connections.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  get size(): number {
    return this.connections.size;
  }

  private async poll(): Promise<void> {
    // A slow database must not stack polls on top of each other.
    if (this.busy) return;
    this.busy = true;
    try {
      const resolve = this.polls++ % RESOLVE_EVERY === 0;
      const byWorkspace = new Map<string, Connection[]>();
      for (const c of this.connections) {
        if (resolve || c.customerId === null) c.customerId = await findCustomerByIdentity(this.db, c.workspaceId, 'anonymous_id', c.anonymousId);
        if (!c.customerId) continue;
        const list = byWorkspace.get(c.workspaceId) ?? [];
        list.push(c);
        byWorkspace.set(c.workspaceId, list);
      }
      for (const [workspaceId, list] of byWorkspace) {
        const ids = [...new Set(list.map((c) => c.customerId!))];
        const found = [];
        for (let i = 0; i < ids.length; i += CHUNK) found.push(...(await recentWaitingMessages(this.db, workspaceId, ids.slice(i, i + CHUNK), this.now() - WINDOW_MS)));
        for (const message of found) {
          for (const c of list) {
            if (c.customerId !== message.customerId || c.delivered.has(message.id)) continue;
            c.delivered.add(message.id);
            c.deliver({ id: message.id, subject: message.subject, body: message.body });
          }
        }
      }
    } catch (error) {
      console.error('[website] live feed poll failed', error);
    } finally {
      this.busy = false;
    }
  }
}
