import type { RenderedMessage } from '../types';

/** A message the sandbox kept instead of delivering. */
export type OutboxEntry = RenderedMessage & {
  /** The outbox's own id (the `messages` row id when stored in the database). */
  id: string;
  recordedAt: number;
};

export type OutboxQuery = {
  workspaceId: string;
  customerId?: string;
  channel?: string;
  /** Newest first; at most this many (default 50, max 500). */
  limit?: number;
  /** Only entries recorded strictly before this time (ms), for paging back. */
  before?: number;
};

/** Where the sandbox writes. Recording the same idempotency key twice keeps the first entry. */
export type OutboxStore = {
  record(message: RenderedMessage, recordedAt: number): Promise<{ entry: OutboxEntry; duplicate: boolean }>;
  list(query: OutboxQuery): Promise<OutboxEntry[]>;
};

export const clampLimit = (limit: number | undefined): number => Math.min(Math.max(Math.floor(limit ?? 50), 1), 500);

/** For tests and throwaway runs; the worker uses createDbOutboxStore. */
export function createMemoryOutboxStore(): OutboxStore {
  const byKey = new Map<string, OutboxEntry>();
  let counter = 0;
  return {
    async record(message, recordedAt) {
      const existing = byKey.get(message.idempotencyKey);
      if (existing) return { entry: existing, duplicate: true };
      const entry: OutboxEntry = { ...message, id: `mem-${++counter}`, recordedAt };
      byKey.set(message.idempotencyKey, entry);
      return { entry, duplicate: false };
    },
    async list(query) {
      return [...byKey.values()]
        .filter(
          (e) =>
            e.workspaceId === query.workspaceId &&
            (query.customerId === undefined || e.customerId === query.customerId) &&
            (query.channel === undefined || e.channel === query.channel) &&
            (query.before === undefined || e.recordedAt < query.before),
        )
        .sort((a, b) => b.recordedAt - a.recordedAt || (a.id < b.id ? 1 : -1))
        .slice(0, clampLimit(query.limit));
    },
  };
}
