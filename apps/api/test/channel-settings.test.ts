// Channel settings claim provider callback ids over real HTTP: a Messenger Page id saved by shop A
// routes that page's webhooks to shop A, and shop B cannot claim the same page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceResolver } from '../src/tracking/resolve-workspace';
import { createWorkspace } from '../src/workspace-setup';
import { startTestApi, type TestApi } from './helpers';

const PAGE = '104738291045612';
const SHOP_B_TOKEN = 'bat_shop_b_admin_token';
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await createWorkspace(api.db.db, { id: 'ws_shop_b', name: 'Nhà hàng B', adminToken: SHOP_B_TOKEN });
});
afterAll(async () => {
  await api?.stop();
});

/** The shop the test API was bootstrapped with, as its admin. */
const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });

const asShopB = (path: string, body: unknown) =>
  fetch(`${api.url}/api${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${SHOP_B_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('channel settings: callback ids', () => {
  it("shop A's Messenger page id is saved, refused to shop B, and resolves webhooks to shop A", async () => {
    const me = (await (await admin('/auth/me')).json()) as { workspaceId: string };
    const saved = await admin('/channel-settings/messenger', { method: 'PUT', body: { config: { pageId: PAGE, greeting: 'Xin chào' } } });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(((await saved.json()) as { config: unknown }).config).toEqual({ pageId: PAGE, greeting: 'Xin chào' });
    const listed = (await (await admin('/channel-settings')).json()) as { channels: { channel: string; config: Record<string, unknown> }[] };
    expect(listed.channels.find((c) => c.channel === 'messenger')?.config.pageId).toBe(PAGE);
    // Saving again from the same shop is not a conflict with itself.
    expect((await admin('/channel-settings/messenger', { method: 'PUT', body: { config: { pageId: PAGE } } })).status).toBe(200);

    const stolen = await asShopB('/channel-settings/messenger', { config: { pageId: PAGE } });
    expect(stolen.status).toBe(409);
    const err = (await stolen.json()) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(err.error.code).toBe('already_claimed');
    expect(err.error.details[0]?.field).toBe('config.pageId');
    expect(err.error.message).toMatch(/pageId/);
    // The same id on another channel is another provider's id: no conflict.
    expect((await asShopB('/channel-settings/zalo', { config: { oaId: PAGE } })).status).toBe(200);

    const logged: string[] = [];
    const resolve = workspaceResolver(api.db.db, 'messenger', ['pageId', 'page_id'], (line) => logged.push(line));
    expect(await resolve(PAGE)).toBe(me.workspaceId);
    expect(me.workspaceId).not.toBe('ws_shop_b');
  });

  it('documents the callback ids in OpenAPI', async () => {
    const doc = (await (await admin('/openapi.json')).json()) as { components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> } };
    const config = doc.components.schemas.ChannelConfig!;
    for (const key of ['pageId', 'oaId', 'accountSid']) expect(config.properties[key]?.description).toMatch(/provider callbacks .* to this workspace/);
  });

  it('refuses malformed ids, naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['messenger', { pageId: 'my-shop' }, 'config.pageId'],
      ['zalo', { oaId: '12ab' }, 'config.oaId'],
      ['sms', { accountSid: 'AC123' }, 'config.accountSid'],
      ['sms', { accountSid: `SK${'0'.repeat(32)}` }, 'config.accountSid'],
    ];
    for (const [channel, config, field] of cases) {
      const res = await admin(`/channel-settings/${channel}`, { method: 'PUT', body: { config } });
      expect(res.status, `${channel} ${JSON.stringify(config)}`).toBe(400);
      const body = (await res.json()) as { error: { details: { field: string }[] } };
      expect(body.error.details.map((d) => d.field)).toContain(field);
    }
    const sid = `AC${'0123456789abcdef'.repeat(2)}`;
    const ok = await admin('/channel-settings/sms', { method: 'PUT', body: { config: { accountSid: sid } } });
    expect(ok.status, await ok.clone().text()).toBe(200);
  });
});
