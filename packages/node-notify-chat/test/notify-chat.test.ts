import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { checkNodeType, createRegistry, defineNodeType } from '@braid/sdk';
import type { Json } from '@braid/sdk';
import { ActionConfigError, createImplementationRegistry, loadNodePackages, runAction } from '@braid/sdk/server';
import type { ActionServices } from '@braid/sdk/server';
import { compile, simulate } from '@braid/journey';
import { notifyChat, nodeTypes } from '../src/index';
import { implementations, isChatWebhookAllowed } from '../src/server';

type Received = { url: string; headers: IncomingHttpHeaders; body: unknown };
let server: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(data || 'null') });
      if (req.url?.includes('broken')) {
        res.writeHead(500).end('upstream down');
        return;
      }
      res.writeHead(req.url?.startsWith('/discord') ? 204 : 200, { 'content-type': 'text/plain' }).end(req.url?.startsWith('/discord') ? undefined : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The test server stands in for Slack and Discord; every other host stays refused.
  process.env.BRAID_NOTIFY_CHAT_ALLOWED_ORIGINS = base;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const logs: string[] = [];
const services = {
  renderTemplate: async (t: string, vars: Record<string, Json>) =>
    t.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, p: string) => {
      let v: unknown = vars;
      for (const k of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      return v === undefined || v === null ? '' : String(v);
    }),
  log: (m: string) => void logs.push(m),
} as unknown as ActionServices;

const ctx = (config: Json) => ({
  workspaceId: 'w', customer: { id: 'c1', traits: { firstName: 'Toản' } as Record<string, Json> },
  entryEvent: { id: 'e', name: 'Product Added', properties: { product_name: 'thịt trâu gác bếp' }, timestamp: '2026-01-05T03:00:00.000Z' },
  journeyId: 'hoa-ban', version: 2, nodeId: 'notify', visit: 1, idempotencyKey: 'journey:hoa-ban:customer:c1:notify:1',
  variables: {}, now: '2026-01-05T03:00:00.000Z', services, config,
});

describe('notify-chat definition', () => {
  it('validates the config in the marketer’s words', () => {
    expect(notifyChat.parseConfig({ service: 'slack', webhookUrl: 'hooks.slack.com/x', message: 'hi' })).toEqual({
      ok: false,
      issues: [{ path: 'webhookUrl', message: { vi: 'Dán địa chỉ incoming webhook, bắt đầu bằng https://', en: 'Paste the incoming webhook address, starting with https://' } }],
    });
    expect(notifyChat.parseConfig({ service: 'teams', webhookUrl: 'https://x.y', message: 'hi' }).ok).toBe(false);
    const ok = notifyChat.parseConfig({ service: 'discord', webhookUrl: 'https://discord.com/api/webhooks/1/abc', message: 'Cart abandoned' });
    expect(ok.ok && notifyChat.summary(ok.config)).toEqual({ vi: 'Báo vào Discord: Cart abandoned', en: 'Notify Discord: Cart abandoned' });
  });

  it('passes Braid’s load-time check: every text in both languages, a lucide icon', () => {
    expect(checkNodeType(notifyChat)).toEqual([]);
    expect(notifyChat.label).toEqual({ vi: 'Báo vào nhóm chat', en: 'Notify a team chat' });
  });

  it('infers its config type', () => {
    const p = notifyChat.parseConfig({});
    if (p.ok) expectTypeOf(p.config.service).toEqualTypeOf<'slack' | 'discord'>();
  });
});

describe('notify-chat implementation', () => {
  const impls = createImplementationRegistry(implementations);

  it('posts Slack `text` with the rendered message and the idempotency key', async () => {
    const out = await runAction(impls, 'notify-chat', ctx({ service: 'slack', webhookUrl: `${base}/slack/T1/B2`, message: '{{ customer.firstName }} bỏ quên {{ entry.properties.product_name }}' }));
    expect(out).toEqual({ service: 'slack', status: 200 });
    const r = received.at(-1)!;
    expect(r.url).toBe('/slack/T1/B2');
    expect(r.body).toEqual({ text: 'Toản bỏ quên thịt trâu gác bếp' });
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['idempotency-key']).toBe('journey:hoa-ban:customer:c1:notify:1');
  });

  it('posts Discord `content`', async () => {
    await runAction(impls, 'notify-chat', ctx({ service: 'discord', webhookUrl: `${base}/discord/1/abc`, message: 'Xin chào {{ customer.firstName }}' }));
    expect(received.at(-1)?.body).toEqual({ content: 'Xin chào Toản' });
  });

  it('refuses a webhook URL that is not Slack or Discord (internal services, cloud metadata) without calling it', async () => {
    const before = received.length;
    const internal = base.replace('127.0.0.1', 'localhost');
    await expect(runAction(impls, 'notify-chat', ctx({ service: 'slack', webhookUrl: `${internal}/admin`, message: 'x' }))).rejects.toThrow(ActionConfigError);
    await expect(runAction(impls, 'notify-chat', ctx({ service: 'slack', webhookUrl: 'http://169.254.169.254/latest/meta-data', message: 'x' }))).rejects.toThrow(/hooks\.slack\.com/);
    await expect(runAction(impls, 'notify-chat', ctx({ service: 'discord', webhookUrl: 'https://hooks.slack.com.evil.example/api/webhooks/1/a', message: 'x' }))).rejects.toThrow(ActionConfigError);
    expect(received.length).toBe(before);
  });

  it('accepts the services’ own webhook addresses', () => {
    expect(isChatWebhookAllowed('slack', 'https://hooks.slack.com/services/T/B/X', [])).toBe(true);
    expect(isChatWebhookAllowed('discord', 'https://discord.com/api/webhooks/1/abc', [])).toBe(true);
    expect(isChatWebhookAllowed('discord', 'https://discordapp.com/api/webhooks/1/abc', [])).toBe(true);
    expect(isChatWebhookAllowed('slack', 'http://hooks.slack.com/services/T/B/X', [])).toBe(false);
    expect(isChatWebhookAllowed('slack', 'https://discord.com/api/webhooks/1/abc', [])).toBe(false);
  });

  it('throws on an error answer so the runtime retries', async () => {
    await expect(runAction(impls, 'notify-chat', ctx({ service: 'slack', webhookUrl: `${base}/broken`, message: 'x' }))).rejects.toThrow('slack webhook answered 500: upstream down');
  });
});

describe('as a Braid node package', () => {
  it('loads by name, the way BRAID_NODE_PACKAGES names it', async () => {
    const loaded = await loadNodePackages(['@braid/node-notify-chat']);
    expect(loaded.packages).toEqual([{ name: '@braid/node-notify-chat', nodeTypeIds: ['notify-chat'] }]);
    expect(loaded.implementations.map((i) => i.definition.id)).toEqual(['notify-chat']);
  });

  it('compiles and simulates inside a journey', () => {
    const start = defineNodeType({
      id: 'trigger-manual', category: 'trigger', version: 1, label: { vi: 'Thủ công', en: 'Manual' }, description: { vi: '', en: '' }, icon: 'hand',
      configSchema: z.object({}), defaultConfig: {}, form: {}, ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }], summary: () => ({ vi: 'Thủ công', en: 'Manual' }),
      compile: (_c, c) => ({ trigger: { kind: 'manual', reentry: { mode: 'once' }, entryLimit: null }, start: c.next('out') }),
    });
    const end = defineNodeType({
      id: 'exit', category: 'action', version: 1, label: { vi: 'Kết thúc', en: 'Exit' }, description: { vi: '', en: '' }, icon: 'log-out',
      configSchema: z.object({}), defaultConfig: {}, form: {}, ports: [], summary: () => ({ vi: 'Kết thúc', en: 'Exit' }), compile: (_c, c) => ({ steps: [{ type: 'end', id: c.nodeId, reason: 'done' }] }),
    });
    const registry = createRegistry([start, end, ...nodeTypes]);
    const graph = {
      nodes: [
        { id: 't', type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
        { id: 'n', type: 'notify-chat', typeVersion: 1, config: { service: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/X', message: '{{ custmer.firstName }}' }, position: { x: 1, y: 0 } },
        { id: 'x', type: 'exit', typeVersion: 1, config: {}, position: { x: 2, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 't', sourcePort: 'out', target: 'n' },
        { id: 'e2', source: 'n', sourcePort: 'out', target: 'x' },
      ],
    };
    // Its Liquid field is checked like any built-in's.
    expect(compile(graph, registry, { journeyId: 'j', version: 1 })).toMatchObject({ ok: false, issues: [{ nodeId: 'n', path: 'message', code: 'unknown-variable' }] });
    graph.nodes[1]!.config.message = '{{ customer.firstName }} reached the end';
    const r = compile(graph, registry, { journeyId: 'j', version: 1 });
    expect(r.ok).toBe(true);
    if (r.ok) expect(simulate(r.ir).nodesVisited).toEqual(['n', 'x']);
  });
});
