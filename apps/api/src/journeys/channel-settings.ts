// Channel settings per workspace: frequency caps and quiet hours (and adapter config).
import { and, channelSettings, eq, type Db } from '@braid/db';
import { PolicyConfigError, sendRulesFromChannelSettings } from '@braid/channels';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { ApiError, validationHook } from '../errors';
import { errorResponses, json, security } from '../admin/common';

const Cap = z.object({ max: z.number().int().min(1), perHours: z.number().positive() });
const QuietHours = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/, { error: 'A time like 21:00' }),
  end: z.string().regex(/^\d{2}:\d{2}$/, { error: 'A time like 08:00' }),
  timezone: z.string().optional(),
});
const Settings = z
  .object({
    channel: z.string(),
    frequencyCap: z.array(Cap),
    quietHours: QuietHours.nullable(),
    config: z.record(z.string(), z.unknown()),
  })
  .openapi('ChannelSettings');
const ChannelParam = z.object({ channel: z.string().min(1).max(50).regex(/^[a-z0-9_-]+$/).openapi({ param: { name: 'channel', in: 'path' } }) });

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
          schema: z.object({ frequencyCap: z.array(Cap).max(5).default([]), quietHours: QuietHours.nullable().default(null), config: z.record(z.string(), z.unknown()).default({}) }),
        },
      },
    },
  },
  responses: { 200: json(Settings, 'Saved'), ...errorResponses },
});

type Row = typeof channelSettings.$inferSelect;
const toDto = (row: Row) => ({
  channel: row.channel,
  frequencyCap: (row.frequencyCap as z.infer<typeof Cap>[] | null) ?? [],
  quietHours: (row.quietHours as z.infer<typeof QuietHours> | null) ?? null,
  config: row.config,
});

export function channelSettingsRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
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
      await db
        .insert(channelSettings)
        .values(row)
        .onConflictDoUpdate({ target: [channelSettings.workspaceId, channelSettings.channel], set: { config: row.config, frequencyCap: row.frequencyCap, quietHours: row.quietHours } });
      const [saved] = await db
        .select()
        .from(channelSettings)
        .where(and(eq(channelSettings.workspaceId, row.workspaceId), eq(channelSettings.channel, channel)));
      return c.json(toDto(saved!), 200);
    });
}
