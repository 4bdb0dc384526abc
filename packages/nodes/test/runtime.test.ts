import { describe, expect, it } from 'vitest';
import { createImplementationRegistry, implementNodeType, runAction } from '@braid/sdk/server';
import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';
import type { ActionServices } from '@braid/sdk/server';
import type { Json } from '@braid/sdk';
import { builtinNodeTypes, builtinRegistry, sendMessage } from '../src/index';
import { builtinImplementations, loadInstalledNodeTypes } from '../src/server';

function fakeServices() {
  const calls: { service: string; input: unknown }[] = [];
  const services: ActionServices = {
    // Minimal `{{ a.b }}` rendering: enough to see variables reach the template.
    renderTemplate: async (t, vars) =>
      t.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, p: string) => {
        let v: unknown = vars;
        for (const k of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
        return v === undefined || v === null ? '' : String(v);
      }),
    sendMessage: async (input) => (calls.push({ service: 'sendMessage', input }), { messageId: 'm1', status: 'sent' }),
    updateProfile: async (input) => void calls.push({ service: 'updateProfile', input }),
    changeAudience: async (input) => void calls.push({ service: 'changeAudience', input }),
    issueVoucher: async (input) => (calls.push({ service: 'issueVoucher', input }), { code: 'HOABAN-7Q2K', expiresAt: input.expiresAt }),
    createStaffTask: async (input) => (calls.push({ service: 'createStaffTask', input }), { taskId: 't1' }),
    log: () => undefined,
  };
  return { calls, services };
}

const base = (services: ActionServices, variables: Record<string, Json> = {}) => ({
  workspaceId: 'w1',
  customer: { id: 'c1', traits: { firstName: 'Toản' } as Record<string, Json> },
  entryEvent: { id: 'e1', name: 'Product Added', properties: { product_name: '2kg thịt trâu gác bếp' }, timestamp: '2026-11-20T10:00:00.000Z' },
  journeyId: 'hoa-ban', version: 1, nodeId: 'n', visit: 1, idempotencyKey: 'journey:hoa-ban:customer:c1:n:1',
  variables, now: '2026-11-20T12:00:00.000Z', services,
});

describe('built-in implementations', () => {
  const impls = createImplementationRegistry(builtinImplementations);

  it('cover every built-in action that has a side effect', () => {
    const actions = builtinNodeTypes.filter((t) => t.category === 'action' && t.id !== 'exit').map((t) => t.id).sort();
    expect(impls.list().map((i) => i.definition.id).sort()).toEqual(actions);
    for (const i of impls.list()) expect(builtinRegistry.get(i.definition.id)).toBe(i.definition);
  });

  it('send-message renders Liquid with customer, entry and voucher', async () => {
    const { calls, services } = fakeServices();
    const out = await runAction(impls, 'send-message', {
      ...base(services, { voucher: { code: 'HOABAN-7Q2K' } }),
      config: { channel: 'email', subject: 'Hoa Ban Food xin chào anh {{ customer.firstName }}', body: '{{ entry.properties.product_name }} — mã {{ voucher.code }}' },
    });
    expect(out).toEqual({ messageId: 'm1', status: 'sent' });
    expect(calls[0]).toEqual({
      service: 'sendMessage',
      input: { channel: 'email', subject: 'Hoa Ban Food xin chào anh Toản', body: '2kg thịt trâu gác bếp — mã HOABAN-7Q2K', idempotencyKey: 'journey:hoa-ban:customer:c1:n:1' },
    });
  });

  it('send-message sends an email designed with blocks as the HTML the runtime compiles, its text part and the chosen sender', async () => {
    const { calls, services } = fakeServices();
    const compiled: Array<{ mjml: string; text: string }> = [];
    services.renderEmail = async (mjml, text, vars) => {
      compiled.push({ mjml, text });
      return { html: `<html>${String((vars.customer as Record<string, Json>).firstName)}</html>`, text: await services.renderTemplate(text, vars) };
    };
    await runAction(impls, 'send-message', {
      ...base(services),
      config: {
        channel: 'email', subject: 'Chào {{ customer.firstName }}', body: 'fallback',
        email: { blocks: [{ type: 'heading', text: 'Chào {{ customer.firstName }}' }, { type: 'button', text: 'Mua', href: 'https://hoaban.vn' }], preheader: 'Quà', fromName: 'Hoa Ban "Food"', fromAddress: 'uu-dai@hoaban.vn' },
      },
    });
    expect(compiled[0]?.mjml).toContain('<mj-preview>Quà</mj-preview>');
    expect(compiled[0]?.mjml).toContain('<mj-button href="https://hoaban.vn"');
    expect(calls[0]?.input).toMatchObject({ body: 'Quà\n\nChào Toản\n\nMua: https://hoaban.vn', options: { html: '<html>Toản</html>', from: '"Hoa Ban Food" <uu-dai@hoaban.vn>' } });
  });

  it('send-message keeps the plain body for an email without blocks, and strips Vietnamese marks from an SMS that asks for it', async () => {
    const { calls, services } = fakeServices();
    await runAction(impls, 'send-message', { ...base(services), config: { channel: 'email', subject: 's', body: 'Chào {{ customer.firstName }}' } });
    expect(calls[0]?.input).toEqual({ channel: 'email', subject: 's', body: 'Chào Toản', idempotencyKey: 'journey:hoa-ban:customer:c1:n:1' });
    await runAction(impls, 'send-message', { ...base(services), config: { channel: 'sms', body: 'Chào {{ customer.firstName }}, đơn đã giao', smsStripDiacritics: true } });
    expect(calls[1]?.input).toMatchObject({ body: 'Chao Toan, don da giao' });
  });

  it('send-message reads an SMS step without a kind (a version published before the kind was required) as advertising, so Decree 91 applies', async () => {
    const { calls, services } = fakeServices();
    await runAction(impls, 'send-message', { ...base(services), config: { channel: 'sms', body: 'Combo 1.350k cuối tuần này' } });
    await runAction(impls, 'send-message', { ...base(services), config: { channel: 'sms', smsPurpose: 'customer_care', body: 'Đơn đã giao' } });
    await runAction(impls, 'send-message', { ...base(services), config: { channel: 'sms', smsPurpose: 'advertising', body: 'Combo 1.350k' } });
    expect(calls.map((c) => (c.input as { options?: { smsPurpose?: string } }).options?.smsPurpose)).toEqual(['advertising', 'customer_care', 'advertising']);
  });

  it('ad-audience uses one idempotency key per platform', async () => {
    const { calls, services } = fakeServices();
    await runAction(impls, 'ad-audience', { ...base(services), config: { platforms: ['facebook', 'google'], audience: '99k' } });
    expect(calls.map((c) => (c.input as { idempotencyKey: string }).idempotencyKey)).toEqual([
      'journey:hoa-ban:customer:c1:n:1:facebook',
      'journey:hoa-ban:customer:c1:n:1:google',
    ]);
  });

  it('issue-voucher returns the code for later templates, expiring from now', async () => {
    const { calls, services } = fakeServices();
    const out = await runAction(impls, 'issue-voucher', { ...base(services), config: { amount: 99_000, prefix: 'HOABAN', validFor: { amount: 1, unit: 'days' } } });
    expect(out).toMatchObject({ code: 'HOABAN-7Q2K', expiresAt: '2026-11-21T12:00:00.000Z', amount: 99_000, currency: 'VND' });
    expect(calls[0]?.input).toMatchObject({ discount: { kind: 'amount', amount: 99_000, currency: 'VND' }, prefix: 'HOABAN' });
  });

  it('update-profile and create-staff-task call their services', async () => {
    const { calls, services } = fakeServices();
    await runAction(impls, 'update-profile', { ...base(services), config: { set: { vip: true }, unset: ['cart'] } });
    await runAction(impls, 'create-staff-task', { ...base(services), config: { title: 'Gọi anh {{ customer.firstName }}' } });
    expect(calls.map((c) => c.service)).toEqual(['updateProfile', 'createStaffTask']);
    expect(calls[1]?.input).toMatchObject({ kind: 'call', title: 'Gọi anh Toản', dueAt: '2026-11-21T12:00:00.000Z' });
  });
});

describe('catalog', () => {
  it('every default config parses or explains itself, and every summary works on it', () => {
    for (const t of builtinNodeTypes) {
      const p = t.parseConfig(t.defaultConfig);
      if (p.ok) expect(typeof t.summary(p.config).vi).toBe('string');
      else expect(p.issues.length).toBeGreaterThan(0);
    }
  });
  it('every type upgrades its own version unchanged and refuses configs from a newer Braid', () => {
    for (const t of builtinNodeTypes) {
      expect(t.upgradeConfig(t.version, t.defaultConfig), t.id).toEqual(t.parseConfig(t.defaultConfig));
      const newer = t.upgradeConfig(t.version + 1, t.defaultConfig);
      expect(newer.ok, t.id).toBe(false);
      if (!newer.ok) expect(newer.issues[0]?.message.en).toContain('newer version');
    }
  });
  it('every form hint names a real config field', () => {
    for (const t of builtinNodeTypes) {
      const shape = (t.configSchema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const k of Object.keys(t.form)) expect(Object.keys(shape), `${t.id}.${k}`).toContain(k);
    }
  });
});

describe('loadInstalledNodeTypes', () => {
  it('combines built-ins with developer packages named in the configuration', async () => {
    const none = await loadInstalledNodeTypes([]);
    expect(none.registry.list()).toHaveLength(builtinNodeTypes.length);
    const ping = defineNodeType({
      id: 'ping', category: 'action', version: 1, label: { vi: 'Ping', en: 'Ping' }, description: { vi: 'Gửi ping', en: 'Send a ping' }, icon: 'bell',
      configSchema: z.object({}), defaultConfig: {}, form: {},
      ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }], summary: () => ({ vi: 'Ping', en: 'Ping' }), compile: () => ({}),
    });
    const modules: Record<string, unknown> = {
      '@acme/braid-ping': { nodeTypes: [ping] },
      '@acme/braid-ping/server': { implementations: [implementNodeType(ping, async () => undefined)] },
    };
    const withPing = await loadInstalledNodeTypes(['@acme/braid-ping'], async (name) => modules[name]);
    expect(withPing.registry.get('ping')?.category).toBe('action');
    expect(withPing.implementations.get('ping')).toBeDefined();
    expect(withPing.implementations.get('send-message')).toBeDefined();
    expect(withPing.packages.at(-1)).toEqual({ name: '@acme/braid-ping', nodeTypeIds: ['ping'] });
    expect(withPing.packageOf('ping')).toBe('@acme/braid-ping');
    expect(withPing.packageOf('send-message')).toBe('@braid/nodes');
    await expect(loadInstalledNodeTypes(['@acme/braid-ping'], async (name) => (name.endsWith('/server') ? {} : { nodeTypes: [sendMessage] }))).rejects.toThrow(
      /declared twice/,
    );
  });
});
