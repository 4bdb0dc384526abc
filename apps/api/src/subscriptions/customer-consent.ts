// A customer's consent, as the admin API shows and edits it: every group of the workspace with
// the customer's status (explicit or the group's default) and any channel-wide answer.
import { and, customers, eq, liveCustomerId, type Db } from '@braid/db';
import { customerConsent } from '@braid/channels';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, ErrorSchema, IdParam, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { writeConsent } from './consent-write';
import { CONSENT_CHANNELS, Group, toGroupDto } from './groups';

const Status = z.enum(['subscribed', 'unsubscribed']);
const Consent = z
  .object({
    customerId: z.string(),
    groups: z.array(z.object({ group: Group, status: Status, explicit: z.boolean(), source: z.string().nullable(), updatedAt: z.number().int().nullable() })),
    channels: z.array(z.object({ channel: z.string(), status: Status, source: z.string(), updatedAt: z.number().int() })),
  })
  .openapi('CustomerConsent');

const Change = z
  .object({
    groups: z.record(z.string().min(1).max(100), Status).default({}).openapi({ description: 'Group id → status', example: { '01J9ZK...': 'unsubscribed' } }),
    channels: z.partialRecord(z.enum(CONSENT_CHANNELS), Status).default({}).openapi({ description: 'Channel → status for all marketing on that channel', example: { sms: 'unsubscribed' } }),
  })
  .refine((b) => Object.keys(b.groups).length + Object.keys(b.channels).length > 0, { error: 'Name at least one group or channel', path: ['groups'] });

const get = createRoute({
  method: 'get',
  path: '/{id}/subscriptions',
  tags: ['subscriptions'],
  summary: "A customer's consent per subscription group and channel",
  security,
  request: { params: IdParam },
  responses: { 200: json(Consent, 'Consent'), ...errorResponses, ...notFound },
});
const put = createRoute({
  method: 'put',
  path: '/{id}/subscriptions',
  tags: ['subscriptions'],
  summary: "Change a customer's consent (all or nothing); recorded with source admin",
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: Change } } } },
  responses: { 200: json(Consent, 'Consent after the change'), ...errorResponses, ...notFound, 422: json(ErrorSchema, 'A group is not one of this workspace') },
});

/** The customer's live id when it is this workspace's; 404 otherwise (another workspace's customer is not found here). */
async function customerOf(db: Db, workspaceId: string, id: string): Promise<string> {
  const live = (await liveCustomerId(db, id)) ?? null;
  const [row] = live ? await db.select({ id: customers.id }).from(customers).where(and(eq(customers.id, live), eq(customers.workspaceId, workspaceId))).limit(1) : [];
  if (!row) throw new ApiError(404, 'not_found', `No customer ${id} in this workspace`, [{ field: 'id', message: 'not found' }]);
  return row.id;
}

async function consentDto(db: Db, workspaceId: string, customerId: string): Promise<z.infer<typeof Consent>> {
  const consent = await customerConsent(db, { workspaceId, customerId });
  return {
    customerId,
    groups: consent.groups.map((g) => ({ group: toGroupDto(g.group), status: g.status, explicit: g.explicit, source: g.source, updatedAt: g.updatedAt })),
    channels: consent.channels,
  };
}

export function customerConsentRoutes(db: Db) {
  const app = adminApp();
  return app
    .openapi(get, async (c) => {
      const customerId = await customerOf(db, c.get('workspaceId'), c.req.valid('param').id);
      return c.json(await consentDto(db, c.get('workspaceId'), customerId), 200);
    })
    .openapi(put, async (c) => {
      const workspaceId = c.get('workspaceId');
      const customerId = await customerOf(db, workspaceId, c.req.valid('param').id);
      const body = c.req.valid('json');
      const channels = Object.fromEntries(Object.entries(body.channels).filter((e): e is [string, 'subscribed' | 'unsubscribed'] => e[1] !== undefined));
      await writeConsent(db, { workspaceId, customerId, groups: body.groups, channels, source: 'admin', at: Date.now() });
      return c.json(await consentDto(db, workspaceId, customerId), 200);
    });
}
