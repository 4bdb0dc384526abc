// A Zalo step's ZNS parameters are checked when the journey is published, not only when the first
// customer reaches it: over real HTTP on a real libSQL file, against templates registered in the
// workspace's settings. Each problem names the step and the parameter, in Vietnamese and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../../packages/journey/fixtures/builder';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { znsStepIssues } from '../src/channels/zns-step-checks';
import { startTestApi, type TestApi } from './helpers';

type Detail = { nodeId: string | null; field: string; code?: string; text?: { vi: string; en: string } };

const ORDER_TEMPLATE = { name: 'Xác nhận đơn', purpose: 'transaction', status: 'approved', params: [{ name: 'customer_name', maxLength: 30 }, { name: 'order_code', maxLength: 12 }, { name: 'note', maxLength: 20, required: false }] };
const zaloStep = (znsTemplateId: string, znsParams: Record<string, string>) => ({ channel: 'zalo', body: 'Đơn hàng của bạn', messageType: 'transactional', znsTemplateId, znsParams });
const graphOf = (...steps: Array<[string, Record<string, unknown>, string]>) =>
  journeyGraph(
    [['order', 'trigger-event', { event: 'Order Completed', where: [], reentry: { mode: 'everyTime' }, entryLimit: null }, 'Đơn hoàn tất'], ...steps.map(([id, config, name]): [string, string, Record<string, unknown>, string] => [id, 'send-message', config, name]), ['done', 'exit', { reason: 'Sent' }]],
    [['order', 'out', steps[0]![0]], ...steps.map(([id], i) => [id, 'out', steps[i + 1]?.[0] ?? 'done'] as [string, string, string])],
  );

describe('ZNS step checks (unit)', () => {
  const step = { nodeId: 'z', step: 'Zalo xác nhận', templateId: '231', params: {} as Record<string, string> };
  const template = { templateId: '231', status: 'approved', params: ORDER_TEMPLATE.params.map((p) => ({ required: true, ...p })) };

  it('names a missing required parameter, an over-long literal one and an unknown one; an optional one may be empty', () => {
    const issues = znsStepIssues({ ...step, params: { customer_name: '{{ customer.firstName }}', order_code: 'HB-2026-000000123', coupon: 'X' } }, template);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['znsParams.order_code', 'zns-param-too-long'],
      ['znsParams.coupon', 'zns-param-unknown'],
    ]);
    expect(issues[0]!.text.vi).toBe('"Zalo xác nhận": tham số ZNS order_code dài 17 ký tự, Zalo cho phép tối đa 12');
    expect(issues[0]!.text.en).toBe('"Zalo xác nhận": ZNS parameter order_code is 17 characters; Zalo allows at most 12');
    // Blank counts as missing: Zalo refuses an empty required parameter.
    const missing = znsStepIssues({ ...step, params: { customer_name: ' ' } }, template);
    expect(missing.map((i) => [i.path, i.code])).toEqual([
      ['znsParams.customer_name', 'zns-param-missing'],
      ['znsParams.order_code', 'zns-param-missing'],
    ]);
    expect(missing[1]!.text.vi).toContain('cần tham số order_code');
  });

  it('counts characters, not bytes, and only the text outside Liquid', () => {
    // 12 Vietnamese characters (more bytes in UTF-8) fit a 12-character parameter.
    expect(znsStepIssues({ ...step, params: { customer_name: 'x', order_code: 'Đơn hàng số' } }, template)).toEqual([]);
    const long = znsStepIssues({ ...step, params: { customer_name: 'x', order_code: 'Mã đơn hàng dài: {{ entry.properties.order_id }}' } }, template);
    expect(long[0]!.text.en).toContain('at least 17 characters before customer data');
    expect(znsStepIssues({ ...step, params: { customer_name: 'x', order_code: '{{ entry.properties.order_id' } }, template).map((i) => i.code)).toEqual(['template-syntax']);
  });

  it('refuses a template that is not registered, rejected or disabled; a pending one may be approved before the first send', () => {
    expect(znsStepIssues({ ...step, params: { order_code: '1' } }, null).map((i) => [i.path, i.code])).toEqual([['znsTemplateId', 'zns-template-unknown']]);
    expect(znsStepIssues({ ...step, params: { customer_name: 'a', order_code: '1' } }, { ...template, status: 'rejected' }).map((i) => i.code)).toEqual(['zns-template-unusable']);
    expect(znsStepIssues({ ...step, params: { customer_name: 'a', order_code: '1' } }, { ...template, status: 'pending' })).toEqual([]);
  });
});

describe('publishing a journey with a Zalo ZNS step (HTTP)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
    const put = await api.admin('/api/zns-templates/231', { method: 'PUT', body: JSON.stringify(ORDER_TEMPLATE) });
    expect(put.status).toBe(200);
  });
  afterAll(async () => api?.stop());
  const admin = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}), ...(init.token ? { token: init.token } : {}) });
  const publish = async (graph: unknown, token?: string) => {
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Xác nhận đơn qua Zalo', graph }, ...(token ? { token } : {}) })).json()) as { id: string };
    const res = await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {}, ...(token ? { token } : {}) });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; details: Detail[] } }, id: created.id };
  };

  it('refuses a missing and an over-long parameter and an unknown template, naming each step and parameter, and publishes nothing', async () => {
    const res = await publish(
      graphOf(
        ['zns', zaloStep('231', { customer_name: '{{ customer.firstName }}', order_code: 'HB-2026-000000123' }), 'Zalo xác nhận'],
        ['zns2', zaloStep('231', { order_code: '{{ entry.properties.order_id }}' }), 'Zalo nhắc lại'],
        ['zns3', zaloStep('999', { a: 'b' }), 'Zalo mẫu lạ'],
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error!.code).toBe('journey_invalid');
    const found = res.body.error!.details.map((d) => [d.field, d.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['nodes.zns.znsParams.order_code', 'zns-param-too-long'],
        ['nodes.zns2.znsParams.customer_name', 'zns-param-missing'],
        ['nodes.zns3.znsTemplateId', 'zns-template-unknown'],
      ]),
    );
    const missing = res.body.error!.details.find((d) => d.code === 'zns-param-missing')!;
    expect(missing.text!.vi).toBe('"Zalo nhắc lại": mẫu ZNS 231 cần tham số customer_name nhưng bước chưa điền giá trị');
    expect(missing.text!.en).toBe('"Zalo nhắc lại": ZNS template 231 needs parameter customer_name and the step gives it no value');
    const versions = (await (await admin(`/journeys/${res.id}/versions`)).json()) as { versions: unknown[] };
    expect(versions.versions).toHaveLength(0);
  });

  it('publishes the step once every parameter is mapped within Zalo\'s limits', async () => {
    const res = await publish(graphOf(['zns', zaloStep('231', { customer_name: '{{ customer.firstName }}', order_code: '{{ entry.properties.order_id }}' }), 'Zalo xác nhận']));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it("checks against this workspace's templates only: another shop's registration does not count", async () => {
    const made = (await (await admin('/workspaces', { method: 'POST', body: { name: 'Nhà hàng B' } })).json()) as { adminToken: string };
    const res = await publish(graphOf(['zns', zaloStep('231', { customer_name: 'a', order_code: '1' }), 'Zalo xác nhận']), made.adminToken);
    expect(res.status).toBe(422);
    expect(res.body.error!.details.map((d) => d.code)).toContain('zns-template-unknown');
  });
});
