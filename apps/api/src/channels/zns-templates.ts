// The Zalo ZNS templates a workspace registered with Zalo: id, parameters with Zalo's length
// limits, purpose and approval status. The send step's picker reads this list; sends check it.
import { and, eq, newId, znsTemplates, znsTemplateStatuses, type Db } from '@braid/db';
import { ZNS_PURPOSES } from '@braid/channels';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';

const Param = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, { error: 'A parameter name as Zalo shows it: lowercase letters, digits and _' }),
  maxLength: z.number().int().min(1).max(2_000),
  required: z.boolean().default(true),
});
const Template = z
  .object({
    templateId: z.string(),
    name: z.string(),
    params: z.array(Param),
    purpose: z.enum(ZNS_PURPOSES),
    status: z.enum(znsTemplateStatuses),
    updatedAt: z.number(),
  })
  .openapi('ZnsTemplate');
const Body = z.object({
  name: z.string().trim().min(1).max(200),
  params: z
    .array(Param)
    .min(1, { error: 'A ZNS template has at least one parameter' })
    .max(40)
    .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, { error: 'Parameter names must be unique' }),
  purpose: z.enum(ZNS_PURPOSES),
  status: z.enum(znsTemplateStatuses).default('pending'),
});
const TemplateParam = z.object({ templateId: z.string().regex(/^\d{1,32}$/, { error: "Zalo's template id: digits only" }).openapi({ param: { name: 'templateId', in: 'path' } }) });

const list = createRoute({ method: 'get', path: '/', tags: ['channels'], summary: 'ZNS templates registered in this workspace', security, responses: { 200: json(z.object({ templates: z.array(Template) }), 'Templates'), ...errorResponses } });
const put = createRoute({
  method: 'put',
  path: '/{templateId}',
  tags: ['channels'],
  summary: 'Register or update a ZNS template (parameters with their maximum lengths, purpose, approval status)',
  security,
  request: { params: TemplateParam, body: { content: { 'application/json': { schema: Body } } } },
  responses: { 200: json(Template, 'Saved'), ...errorResponses },
});
const del = createRoute({ method: 'delete', path: '/{templateId}', tags: ['channels'], summary: 'Remove a ZNS template', security, request: { params: TemplateParam }, responses: { 200: json(z.object({ deleted: z.boolean() }), 'Deleted'), ...errorResponses, ...notFound } });

const toDto = (row: typeof znsTemplates.$inferSelect) => ({ templateId: row.templateId, name: row.name, params: row.params, purpose: row.purpose as (typeof ZNS_PURPOSES)[number], status: row.status, updatedAt: row.updatedAt });

export function znsTemplateRoutes(db: Db) {
  return adminApp()
    .openapi(list, async (c) => {
      const rows = await db.select().from(znsTemplates).where(eq(znsTemplates.workspaceId, c.get('workspaceId')));
      return c.json({ templates: rows.map(toDto) }, 200);
    })
    .openapi(put, async (c) => {
      const { templateId } = c.req.valid('param');
      const body = c.req.valid('json');
      const workspaceId = c.get('workspaceId');
      const now = Date.now();
      await db
        .insert(znsTemplates)
        .values({ id: newId(now), workspaceId, templateId, name: body.name, params: body.params, purpose: body.purpose, status: body.status, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [znsTemplates.workspaceId, znsTemplates.templateId], set: { name: body.name, params: body.params, purpose: body.purpose, status: body.status, updatedAt: now } });
      const [row] = await db.select().from(znsTemplates).where(and(eq(znsTemplates.workspaceId, workspaceId), eq(znsTemplates.templateId, templateId)));
      return c.json(toDto(row!), 200);
    })
    .openapi(del, async (c) => {
      const { templateId } = c.req.valid('param');
      const gone = await db
        .delete(znsTemplates)
        .where(and(eq(znsTemplates.workspaceId, c.get('workspaceId')), eq(znsTemplates.templateId, templateId)))
        .returning({ id: znsTemplates.id });
      if (gone.length === 0) throw new ApiError(404, 'not_found', `No ZNS template ${templateId} in this workspace`);
      return c.json({ deleted: true }, 200);
    });
}
