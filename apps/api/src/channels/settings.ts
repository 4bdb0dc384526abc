// Channel settings per workspace: frequency caps and quiet hours (and adapter config, including the
// page / OA / account id that routes provider callbacks to this workspace).
import { and, channelSettings, eq, ne, type Db } from '@braid/db';
import { PolicyConfigError, sendRulesFromChannelSettings } from '@braid/channels';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import { errorResponses, ErrorSchema, json, security } from '../admin/common';

const Cap = z.object({ max: z.number().int().min(1), perHours: z.number().positive() });
const QuietHours = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/, { error: 'A time like 21:00' }),
  end: z.string().regex(/^\d{2}:\d{2}$/, { error: 'A time like 08:00' }),
  timezone: z.string().optional(),
});
const routes = 'Routes provider callbacks (delivery receipts, replies) to this workspace; one workspace per id and channel.';
// Other adapter keys pass through untouched: only the ids webhooks resolve a workspace by are checked.
const Config = z
  .object({
    pageId: z.string().regex(/^\d{1,32}$/, { error: 'A Facebook Page id: digits only' }).optional().openapi({ description: `Messenger Page id. ${routes}`, example: '104738291045612' }),
    oaId: z.string().regex(/^\d{1,32}$/, { error: 'A Zalo Official Account id: digits only' }).optional().openapi({ description: `Zalo OA id. ${routes}`, example: '4318067259632152470' }),
    accountSid: z
      .string()
      .regex(/^AC[0-9a-f]{32}$/, { error: 'A Twilio Account SID: AC followed by 32 lowercase hex characters' })
      .optional()
      .openapi({ description: `Twilio Account SID (sms). ${routes}`, example: 'AC0123456789abcdef0123456789abcdef' }),
  })
  .catchall(z.unknown())
  .openapi('ChannelConfig');
/** The config keys (and the snake_case spellings tracking/resolve-workspace.ts also reads) that claim callbacks. */
const CALLBACK_KEYS = [
  ['pageId', 'page_id'],
  ['oaId', 'oa_id'],
  ['accountSid', 'account_sid'],
] as const;
const Settings = z
  .object({
    channel: z.string(),
    frequencyCap: z.array(Cap),
    quietHours: QuietHours.nullable(),
    config: Config,
  })
  .openapi('ChannelSettings');
// "*" holds what applies to every channel: the workspace's quiet hours and its caps across channels.
const ChannelParam = z.object({ channel: z.string().min(1).max(50).regex(/^(\*|[a-z0-9_-]+)$/).openapi({ param: { name: 'channel', in: 'path', description: 'A channel, or * for the whole workspace' } }) });

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['channels'],
  summary: 'Frequency caps and quiet hours of every configured channel',
  security,
  responses: { 200: json(z.object({ channels: z.array(Settings) }), 'Settings'), ...errorResponses },
});
const put = createRoute({
  method: 'put',
  path: '/{channel}',
  tags: ['channels'],
  summary: 'Set the frequency caps and quiet hours of a channel (workspace-wide; applies per customer)',
  security,
  request: {
    params: ChannelParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({ frequencyCap: z.array(Cap).max(5).default([]), quietHours: QuietHours.nullable().default(null), config: Config.default({}) }),
        },
      },
    },
  },
  responses: { 200: json(Settings, 'Saved'), ...errorResponses, 409: json(ErrorSchema, 'Another workspace already receives callbacks for this page / OA / account id') },
});

type Row = typeof channelSettings.$inferSelect;
const toDto = (row: Row) => ({
  channel: row.channel,
  frequencyCap: (row.frequencyCap as z.infer<typeof Cap>[] | null) ?? [],
  quietHours: (row.quietHours as z.infer<typeof QuietHours> | null) ?? null,
  config: (row.config as z.infer<typeof Config> | null) ?? {},
});

/** The first callback id in `config` that another workspace's `channel` row already names, if any. */
async function claimedElsewhere(db: Pick<Db, 'select'>, workspaceId: string, channel: string, config: Record<string, unknown>) {
  const claims = CALLBACK_KEYS.flatMap(([key, alias]) => [key, alias].filter((k) => config[k] !== undefined && config[k] !== '').map((k) => ({ field: k, keys: [key, alias], value: String(config[k]) })));
  if (claims.length === 0) return null;
  const others = await db
    .select({ config: channelSettings.config })
    .from(channelSettings)
    .where(and(eq(channelSettings.channel, channel), ne(channelSettings.workspaceId, workspaceId)));
  return claims.find((c) => others.some((o) => c.keys.some((k) => String((o.config as Record<string, unknown> | null)?.[k] ?? '') === c.value))) ?? null;
}

export function channelSettingsRoutes(db: Db) {
  const app = adminApp();
  return app
    .openapi(list, async (c) => {
      const rows = await db.select().from(channelSettings).where(eq(channelSettings.workspaceId, c.get('workspaceId')));
      return c.json({ channels: rows.map(toDto) }, 200);
    })
    .openapi(put, async (c) => {
      const { channel } = c.req.valid('param');
      const body = c.req.valid('json');
      try {
        // The same reader the worker uses: what is saved here is what sends obey.
        sendRulesFromChannelSettings(body);
      } catch (error) {
        if (error instanceof PolicyConfigError) throw new ApiError(400, 'invalid_request', error.message, [{ field: error.field, message: error.message }]);
        throw error;
      }
      const row: Row = { workspaceId: c.get('workspaceId'), channel, config: body.config, frequencyCap: body.frequencyCap, quietHours: body.quietHours };
      // Check and write in one write transaction: two shops saving the same page id at once must not both win,
      // or the webhook resolver would find two owners and drop every callback.
      await db.transaction(
        async (tx) => {
          const taken = await claimedElsewhere(tx, row.workspaceId, channel, body.config);
          if (taken) {
            const message = `${taken.field} ${taken.value} already routes ${channel} callbacks to another workspace; remove it there first`;
            throw new ApiError(409, 'already_claimed', message, [{ field: `config.${taken.field}`, message }]);
          }
          await tx
            .insert(channelSettings)
            .values(row)
            .onConflictDoUpdate({ target: [channelSettings.workspaceId, channelSettings.channel], set: { config: row.config, frequencyCap: row.frequencyCap, quietHours: row.quietHours } });
        },
        { behavior: 'immediate' },
      );
      const [saved] = await db
        .select()
        .from(channelSettings)
        .where(and(eq(channelSettings.workspaceId, row.workspaceId), eq(channelSettings.channel, channel)));
      return c.json(toDto(saved!), 200);
    });
}
