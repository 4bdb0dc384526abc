// The one node catalogue over real HTTP: GET /api/node-types lists the built-ins and a package
// named in BRAID_NODE_PACKAGES with texts in both languages, and serves each package's
// definitions as a browser module the canvas imports.
import * as sdk from '@braid/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as zod from 'zod';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { startTestApi, type TestApi } from './helpers';

type Text = { vi: string; en: string };
type Descriptor = { id: string; package: string; label: Text; description: Text; icon: string; form: Record<string, { label: Text }>; ports: { id: string; label: Text }[]; configJsonSchema: unknown };
type Catalogue = { nodeTypes: Descriptor[]; packages: { name: string; nodeTypeIds: string[]; browserModule: string }[] };

let api: TestApi;
const previous = process.env.BRAID_NODE_PACKAGES;

beforeAll(async () => {
  process.env.BRAID_NODE_PACKAGES = '@braid/node-notify-chat';
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(async () => {
  if (previous === undefined) delete process.env.BRAID_NODE_PACKAGES;
  else process.env.BRAID_NODE_PACKAGES = previous;
  await api.stop();
});

describe('GET /api/node-types', () => {
  it('describes the built-ins and node-notify-chat in Vietnamese and English', async () => {
    const res = await api.admin('/api/node-types');
    expect(res.status).toBe(200);
    const { nodeTypes, packages } = (await res.json()) as Catalogue;
    const chat = nodeTypes.find((t) => t.id === 'notify-chat');
    expect(chat).toMatchObject({
      package: '@braid/node-notify-chat',
      label: { vi: 'Báo vào nhóm chat', en: 'Notify a team chat' },
      icon: 'message-square',
      ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }],
      form: { webhookUrl: { label: { vi: 'Địa chỉ incoming webhook', en: 'Incoming webhook URL' }, widget: 'url' } },
      configJsonSchema: { type: 'object', required: expect.arrayContaining(['service', 'webhookUrl', 'message']) },
    });
    expect(nodeTypes.find((t) => t.id === 'send-message')).toMatchObject({ package: '@braid/nodes', label: { vi: 'Gửi tin nhắn', en: 'Send a message' }, icon: 'send' });
    for (const t of nodeTypes) for (const lang of ['vi', 'en'] as const) expect(t.label[lang], `${t.id}.label.${lang}`).not.toBe('');
    expect(packages.map((p) => p.name)).toEqual(['@braid/nodes', '@braid/node-notify-chat']);
    expect(packages[1]).toMatchObject({ nodeTypeIds: ['notify-chat'], browserModule: expect.stringMatching(/^\/api\/node-types\/browser\.js\?package=%40braid%2Fnode-notify-chat&v=[0-9a-f]{16}$/) });
  });

  it('serves a package’s definitions as a module whose summary speaks both languages', async () => {
    const { packages } = (await (await api.admin('/api/node-types')).json()) as Catalogue;
    const res = await api.admin(packages[1]!.browserModule);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const code = await res.text();
    // The same module a browser imports, imported here from its text, with the modules the canvas shares.
    (globalThis as Record<string, unknown>)[sdk.SHARED_MODULES_GLOBAL] = { zod, '@braid/sdk': sdk };
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
      nodeTypes: { id: string; summary(c: unknown): Text; parseConfig(c: unknown): { ok: boolean; config?: unknown } }[];
    };
    const chat = mod.nodeTypes[0]!;
    expect(chat.id).toBe('notify-chat');
    const parsed = chat.parseConfig({ service: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/X', message: 'Toản bỏ quên giỏ' });
    expect(parsed.ok && chat.summary(parsed.config)).toEqual({ vi: 'Báo vào Slack: Toản bỏ quên giỏ', en: 'Notify Slack: Toản bỏ quên giỏ' });
  });

  it('needs a sign-in and names a package it does not have', async () => {
    expect((await fetch(`${api.url}/api/node-types/browser.js?package=%40braid%2Fnodes`)).status).toBe(401);
    const missing = await api.admin('/api/node-types/browser.js?package=left-pad');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('"left-pad"');
  });
});
