// The outbox: every message journeys produced, per workspace or per customer, newest first.
// In the sandbox (the default) this is where "sent" messages can be read.
import { and, desc, eq, lt, messages, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, Limit, security } from '../admin/common';

const OutboxMessage = z
  .object({
    id: z.string(),
    customerId: z.string(),
    journeyId: z.string().nullable(),
    version: z.number().int().nullable(),
    nodeId: z.string().nullable(),
    channel: z.string(),
    recipient: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    status: z.string(),
    error: z.string().nullable(),
    providerMessageId: z.string().nullable(),
    idempotencyKey: z.string(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('OutboxMessage');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['outbox'],
  summary: 'Messages sent (or recorded by the sandbox), newest first; filter by customer, channel, journey, status',
  security,
  request: {
    query: z.object({
      customerId: z.string().max(100).optional(),
      channel: z.string().max(50).optional(),
      journeyId: z.string().max(100).optional(),
      status: z.enum(['queued', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'failed', 'postponed']).optional(),
      limit: Limit,
      cursor: z.string().max(100).optional(),
    }),
  },
  responses: { 200: json(z.object({ messages: z.array(OutboxMessage), nextCursor: z.string().nullable() }), 'Messages'), ...errorResponses },
});

export function outboxRoutes(db: Db) {
  const app = adminApp();
  return app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const where = [eq(messages.workspaceId, c.get('workspaceId'))];
    if (q.customerId) where.push(eq(messages.customerId, q.customerId));
    if (q.channel) where.push(eq(messages.channel, q.channel));
    if (q.journeyId) where.push(eq(messages.journeyId, q.journeyId));
    if (q.status) where.push(eq(messages.status, q.status));
    if (q.cursor) where.push(lt(messages.id, q.cursor));
    const rows = await db
      .select()
      .from(messages)
      .where(and(...where))
      .orderBy(desc(messages.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit).map((m) => ({
      id: m.id,
      customerId: m.customerId,
      journeyId: m.journeyId,
      version: m.version,
      nodeId: m.nodeId,
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      status: m.status,
      error: m.error,
      providerMessageId: m.providerMessageId,
      idempotencyKey: m.idempotencyKey,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    }));
    return c.json({ messages: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null }, 200);
  });
}
