import { and, desc, eq, like, lt, messages, newId, sql, type DbOrTx } from '@braid/db';
import type { RenderedMessage } from '../types';
import { clampLimit, type OutboxEntry, type OutboxQuery, type OutboxStore } from './outbox-store';
import { SANDBOX_PREFIX } from './sandbox-adapter';

/** What the sandbox adds to the row's payload json, under its own key so nothing else is overwritten. */
type SandboxPayload = { sandbox?: { html?: string; payload?: unknown; meta?: Record<string, unknown> } };

const optionalString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const optionalInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function toEntry(row: typeof messages.$inferSelect): OutboxEntry {
  const extra = (row.payload as SandboxPayload | null)?.sandbox ?? {};
  return {
    id: row.id,
    recordedAt: row.createdAt,
    channel: row.channel,
    to: row.recipient ?? '',
    ...(row.subject != null ? { subject: row.subject } : {}),
    body: row.body ?? '',
    ...(extra.html !== undefined ? { html: extra.html } : {}),
    ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
    idempotencyKey: row.idempotencyKey,
    customerId: row.customerId,
    workspaceId: row.workspaceId,
    meta: extra.meta ?? {},
  };
}

/**
 * The sandbox outbox in the `messages` table. A row is an outbox entry when its
 * providerMessageId starts with "sandbox:". Upserts by idempotency key: a row the runtime queued
 * beforehand is completed (status sent), a row the sandbox already recorded is left as it was.
 */
export function createDbOutboxStore(db: DbOrTx): OutboxStore {
  return {
    async record(message: RenderedMessage, recordedAt: number) {
      const id = newId(recordedAt);
      const sandbox: SandboxPayload = { sandbox: { html: message.html, payload: message.payload, meta: message.meta } };
      const columns = {
        recipient: message.to,
        subject: message.subject ?? null,
        body: message.body,
        status: 'sent' as const,
        error: null,
        updatedAt: recordedAt,
      };
      const inserted = await db
        .insert(messages)
        .values({
          id,
          workspaceId: message.workspaceId,
          customerId: message.customerId,
          journeyId: optionalString(message.meta.journeyId),
          version: optionalInt(message.meta.version),
          enrollmentId: optionalString(message.meta.enrollmentId),
          nodeId: optionalString(message.meta.nodeId),
          channel: message.channel,
          idempotencyKey: message.idempotencyKey,
          payload: sandbox as Record<string, unknown>,
          providerMessageId: `${SANDBOX_PREFIX}${id}`,
          createdAt: recordedAt,
          ...columns,
        })
        .onConflictDoUpdate({
          target: messages.idempotencyKey,
          set: {
            ...columns,
            providerMessageId: sql`${SANDBOX_PREFIX} || ${messages.id}`,
            // json_set, not json_patch: a merge patch would strip nulls from the message's own payload.
            payload: sql`json_set(coalesce(${messages.payload}, '{}'), '$.sandbox', json(${JSON.stringify(sandbox.sandbox)}))`,
          },
          setWhere: sql`${messages.providerMessageId} IS NULL OR ${messages.providerMessageId} NOT LIKE ${SANDBOX_PREFIX + '%'}`,
        })
        .returning();
      const row = inserted[0];
      if (row) return { entry: toEntry(row), duplicate: false };
      const [existing] = await db.select().from(messages).where(eq(messages.idempotencyKey, message.idempotencyKey));
      if (!existing) throw new Error(`outbox row for ${message.idempotencyKey} vanished`);
      return { entry: toEntry(existing), duplicate: true };
    },

    async list(query: OutboxQuery) {
      const rows = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, query.workspaceId),
            like(messages.providerMessageId, `${SANDBOX_PREFIX}%`),
            query.customerId !== undefined ? eq(messages.customerId, query.customerId) : undefined,
            query.channel !== undefined ? eq(messages.channel, query.channel) : undefined,
            query.before !== undefined ? lt(messages.createdAt, query.before) : undefined,
          ),
        )
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(clampLimit(query.limit));
      return rows.map(toEntry);
    },
  };
}

/** The outbox API's query: what the sandbox kept for a workspace, optionally one customer or channel, newest first. */
export function listOutbox(db: DbOrTx, query: OutboxQuery): Promise<OutboxEntry[]> {
  return createDbOutboxStore(db).list(query);
}
