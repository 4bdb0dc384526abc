import { and, desc, eq, like, lt, messages, newId, sql, type DbOrTx } from '@braid/db';
import type { RenderedMessage } from '../types';
import { clampLimit, type OutboxEntry, type OutboxQuery, type OutboxStore } from './outbox-store';
import { SANDBOX_PREFIX } from './sandbox-adapter';

/** What the sandbox adds to the row's payload json, under its own key so nothing else is overwritten. */
type SandboxPayload = { sandbox?: { html?: string; payload?: unknown; meta?: Record<string, unknown> } };

const optionalString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const optionalInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function toEntry(row: Pick<typeof messages.$inferSelect, 'id' | 'createdAt' | 'channel' | 'recipient' | 'subject' | 'body' | 'payload' | 'idempotencyKey' | 'customerId' | 'workspaceId'>): OutboxEntry {
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

/** The columns an outbox entry is made of, as SQLite returns them. */
type OutboxRow = {
  id: string; created_at: number; channel: string; recipient: string | null; subject: string | null; body: string | null;
  payload: string | null; idempotency_key: string; customer_id: string; workspace_id: string;
};
const OUTBOX_COLUMNS = 'id, created_at, channel, recipient, subject, body, payload, idempotency_key, customer_id, workspace_id';

function fromOutboxRow(row: OutboxRow): Pick<typeof messages.$inferSelect, 'id' | 'createdAt' | 'channel' | 'recipient' | 'subject' | 'body' | 'payload' | 'idempotencyKey' | 'customerId' | 'workspaceId'> {
  return {
    id: row.id,
    createdAt: row.created_at,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    payload: row.payload ? (JSON.parse(row.payload) as Record<string, unknown>) : null,
    idempotencyKey: row.idempotency_key,
    customerId: row.customer_id,
    workspaceId: row.workspace_id,
  };
}

/**
 * The usual case of a journey's send: the runtime wrote the row (queued, by its id) when it took
 * the cap slot, so the sandbox completes that row in one UPDATE by primary key instead of an
 * upsert that builds and returns the whole row. Null when there is no such queued row (a direct
 * send, or one the sandbox already recorded): the upsert below decides.
 */
async function completeQueued(db: DbOrTx, message: RenderedMessage, sandbox: SandboxPayload, recordedAt: number): Promise<OutboxEntry | null> {
  const id = optionalString(message.meta.messageId);
  if (!id) return null;
  const done = await db.all<{ created_at: number }>(sql`UPDATE messages
    SET status = 'sent', recipient = ${message.to}, subject = ${message.subject ?? null}, body = ${message.body}, error = NULL, updated_at = ${recordedAt},
        provider_message_id = ${SANDBOX_PREFIX + id},
        payload = json_set(coalesce(payload, '{}'), '$.sandbox', json(${JSON.stringify(sandbox.sandbox)}))
    WHERE id = ${id} AND idempotency_key = ${message.idempotencyKey} AND (provider_message_id IS NULL OR provider_message_id NOT LIKE ${SANDBOX_PREFIX + '%'})
    RETURNING created_at`);
  if (done.length === 0) return null;
  return {
    id,
    recordedAt: done[0]!.created_at,
    channel: message.channel,
    to: message.to,
    ...(message.subject != null ? { subject: message.subject } : {}),
    body: message.body,
    ...(message.html !== undefined ? { html: message.html } : {}),
    ...(message.payload !== undefined ? { payload: message.payload } : {}),
    idempotencyKey: message.idempotencyKey,
    customerId: message.customerId,
    workspaceId: message.workspaceId,
    meta: message.meta,
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
      const sandbox: SandboxPayload = { sandbox: { html: message.html, payload: message.payload, meta: message.meta } };
      const queued = await completeQueued(db, message, sandbox, recordedAt);
      if (queued) return { entry: queued, duplicate: false };
      const id = newId(recordedAt);
      // Plain SQL rather than the query builder: this runs once per message, and building an
      // upsert of this width costs more than the write itself.
      const inserted = await db.all<OutboxRow>(sql`INSERT INTO messages
          (id, workspace_id, customer_id, journey_id, version, enrollment_id, node_id, channel, idempotency_key,
           recipient, subject, body, payload, status, provider_message_id, created_at, updated_at)
        VALUES (${id}, ${message.workspaceId}, ${message.customerId}, ${optionalString(message.meta.journeyId)}, ${optionalInt(message.meta.version)},
          ${optionalString(message.meta.enrollmentId)}, ${optionalString(message.meta.nodeId)}, ${message.channel}, ${message.idempotencyKey},
          ${message.to}, ${message.subject ?? null}, ${message.body}, ${JSON.stringify(sandbox)}, 'sent', ${SANDBOX_PREFIX + id}, ${recordedAt}, ${recordedAt})
        ON CONFLICT (idempotency_key) DO UPDATE SET
          recipient = excluded.recipient, subject = excluded.subject, body = excluded.body, status = 'sent', error = NULL,
          updated_at = excluded.updated_at, provider_message_id = ${SANDBOX_PREFIX} || messages.id,
          -- json_set, not json_patch: a merge patch would strip nulls from the message's own payload.
          payload = json_set(coalesce(messages.payload, '{}'), '$.sandbox', json(${JSON.stringify(sandbox.sandbox)}))
        WHERE messages.provider_message_id IS NULL OR messages.provider_message_id NOT LIKE ${SANDBOX_PREFIX + '%'}
        RETURNING ${sql.raw(OUTBOX_COLUMNS)}`);
      const row = inserted[0];
      if (row) return { entry: toEntry(fromOutboxRow(row)), duplicate: false };
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
