// Saved message templates of a workspace: a send step's message (subject, body, email blocks,
// sender, preheader, SMS without marks) kept by name and reused in any journey's send step.
import { and, asc, eq, newId, templates, type Db } from '@braid/db';
import { emailDesign } from '@braid/nodes';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, IdParam, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';

const CHANNELS = ['email', 'sms', 'messenger', 'zalo', 'web', 'push', 'webhook'] as const;

const Body = z
  .object({
    name: z.string().trim().min(1, { error: 'Give the template a name' }).max(200),
    channel: z.enum(CHANNELS),
    subject: z.string().max(1_000).default(''),
    body: z.string().max(20_000).default(''),
    email: emailDesign.optional(),
    smsStripDiacritics: z.boolean().optional(),
  })
  .refine((t) => t.body.trim() !== '' || (t.email?.blocks.length ?? 0) > 0, { error: 'Write the message, or add email blocks', path: ['body'] })
  .openapi('MessageTemplateInput');

const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CHANNELS),
    subject: z.string(),
    body: z.string(),
    format: z.enum(['liquid', 'blocks']),
    email: emailDesign.optional(),
    smsStripDiacritics: z.boolean().optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('MessageTemplate');
type TemplateOut = z.infer<typeof Template>;

const ListQuery = z.object({ channel: z.enum(CHANNELS).optional().openapi({ param: { name: 'channel', in: 'query' } }) });

const list = createRoute({ method: 'get', path: '/', tags: ['templates'], summary: 'Saved message templates of this workspace (optionally of one channel)', security, request: { query: ListQuery }, responses: { 200: json(z.object({ templates: z.array(Template) }), 'Templates'), ...errorResponses } });
const create = createRoute({ method: 'post', path: '/', tags: ['templates'], summary: 'Save a message as a template', security, request: { body: { content: { 'application/json': { schema: Body } } } }, responses: { 201: json(Template, 'Saved'), ...errorResponses } });
const get = createRoute({ method: 'get', path: '/{id}', tags: ['templates'], summary: 'One saved message template', security, request: { params: IdParam }, responses: { 200: json(Template, 'Template'), ...errorResponses, ...notFound } });
const put = createRoute({ method: 'put', path: '/{id}', tags: ['templates'], summary: 'Replace a saved message template', security, request: { params: IdParam, body: { content: { 'application/json': { schema: Body } } } }, responses: { 200: json(Template, 'Saved'), ...errorResponses, ...notFound } });
const del = createRoute({ method: 'delete', path: '/{id}', tags: ['templates'], summary: 'Delete a saved message template (steps that used it keep their copy)', security, request: { params: IdParam }, responses: { 200: json(z.object({ deleted: z.boolean() }), 'Deleted'), ...errorResponses, ...notFound } });

type Row = typeof templates.$inferSelect;

function toTemplate(row: Row): TemplateOut {
  const content = (row.content ?? {}) as { email?: unknown; smsStripDiacritics?: unknown };
  const email = emailDesign.safeParse(content.email);
  return {
    id: row.id,
    name: row.name,
    channel: (CHANNELS as readonly string[]).includes(row.channel) ? (row.channel as TemplateOut['channel']) : 'email',
    subject: row.subject ?? '',
    body: row.body,
    format: row.format === 'blocks' ? 'blocks' : 'liquid',
    ...(content.email !== undefined && email.success ? { email: email.data } : {}),
    ...(typeof content.smsStripDiacritics === 'boolean' ? { smsStripDiacritics: content.smsStripDiacritics } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function columnsOf(body: z.output<typeof Body>) {
  const content: Record<string, unknown> = {};
  if (body.email) content.email = body.email;
  if (body.smsStripDiacritics !== undefined) content.smsStripDiacritics = body.smsStripDiacritics;
  return { name: body.name, channel: body.channel, subject: body.subject, body: body.body, format: (body.email?.blocks.length ?? 0) > 0 ? 'blocks' : 'liquid', content };
}

export function templateRoutes(db: Db) {
  const one = async (workspaceId: string, id: string) => {
    const [row] = await db.select().from(templates).where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', `No template ${id} in this workspace`);
    return row;
  };
  return adminApp()
    .openapi(list, async (c) => {
      const { channel } = c.req.valid('query');
      const workspaceId = c.get('workspaceId');
      const rows = await db
        .select()
        .from(templates)
        .where(channel ? and(eq(templates.workspaceId, workspaceId), eq(templates.channel, channel)) : eq(templates.workspaceId, workspaceId))
        .orderBy(asc(templates.name))
        .limit(500);
      return c.json({ templates: rows.map(toTemplate) }, 200);
    })
    .openapi(create, async (c) => {
      const now = Date.now();
      const row: Row = { id: newId(now), workspaceId: c.get('workspaceId'), ...columnsOf(c.req.valid('json')), createdAt: now, updatedAt: now };
      await db.insert(templates).values(row);
      return c.json(toTemplate(row), 201);
    })
    .openapi(get, async (c) => c.json(toTemplate(await one(c.get('workspaceId'), c.req.valid('param').id)), 200))
    .openapi(put, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      const previous = await one(workspaceId, id);
      const row: Row = { ...previous, ...columnsOf(c.req.valid('json')), updatedAt: Date.now() };
      await db.update(templates).set(row).where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)));
      return c.json(toTemplate(row), 200);
    })
    .openapi(del, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      await one(workspaceId, id);
      await db.delete(templates).where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, id)));
      return c.json({ deleted: true }, 200);
    });
}
