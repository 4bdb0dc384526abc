// Publish only what will work: the message checks alone (pure), then over real HTTP on a real
// libSQL file with the real validator: a broken Liquid message, an over-long SMS and an entry
// property the trigger's event never carried are refused together, each naming its step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hours, journeyGraph } from '../../../packages/journey/fixtures/builder';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { entryPropertyIssues, MAX_FIELD_CHARS, messageTextIssues } from '../src/journeys/message-checks';
import { startTestApi, type TestApi } from './helpers';

const trigger = ['cart', 'trigger-event', { event: 'Product Added', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Thêm vào giỏ'] as const;
const graphWith = (send: Record<string, unknown>, name = 'Email giỏ hàng') =>
  journeyGraph(
    [
      [...trigger],
      ['send', 'send-message', send, name],
      ['done', 'exit', { reason: 'Sent' }],
    ],
    [
      ['cart', 'out', 'send'],
      ['send', 'out', 'done'],
    ],
  );

describe('message checks (unit)', () => {
  it('finds Liquid the sending engine cannot parse, in both languages, naming the step', () => {
    const issues = messageTextIssues(graphWith({ channel: 'email', subject: 'Chào {{ customer.firstName }}', body: '{% if customer.vip %}Quà cho anh' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ nodeId: 'send', path: 'body', code: 'template-syntax' });
    expect(issues[0]!.text.vi).toContain('"Email giỏ hàng"');
    expect(issues[0]!.text.vi).toContain('cú pháp Liquid');
    expect(issues[0]!.text.en).toContain('not valid Liquid');
    // What is wrong is said in the marketer's language too, not in liquidjs's English.
    expect(issues[0]!.text.vi).toContain('{% if customer.vip %} chưa được đóng: thêm thẻ kết thúc (dòng 1, cột 1)');
    expect(issues[0]!.text.vi).not.toContain('not closed');
  });

  it('accepts a message that renders', () => {
    expect(messageTextIssues(graphWith({ channel: 'email', subject: 'Chào {{ customer.firstName | default: "anh" }}', body: '{% if customer.vip %}Quà{% endif %} {{ entry.properties.cart_id }}' }))).toEqual([]);
  });

  it('holds a text to its channel (Liquid tags do not count) and refuses a giant paste with its size', () => {
    const sms = messageTextIssues(graphWith({ channel: 'sms', smsPurpose: 'customer_care', body: `${'a'.repeat(1_531)}{{ customer.firstName }}` }));
    expect(sms.map((i) => i.code)).toEqual(['message-too-long']);
    expect(sms[0]!.text.en).toContain('1531 characters; sms takes at most 1530');
    expect(messageTextIssues(graphWith({ channel: 'sms', smsPurpose: 'customer_care', body: `${'a'.repeat(1_500)}{{ customer.firstName }}` }))).toEqual([]);
    const pasted = messageTextIssues(graphWith({ channel: 'email', subject: 'x', body: 'x'.repeat(300_000) }));
    expect(pasted.map((i) => i.code)).toEqual(['field-too-long']);
    expect(pasted[0]!.text.vi).toContain('300.000 ký tự');
    expect(pasted[0]!.text.en).toContain(`at most ${MAX_FIELD_CHARS.toLocaleString('en-US')}`);
  });

  it('refuses an entry property the seen trigger event never carried, not one of an event never seen', () => {
    const graph = graphWith({ channel: 'email', subject: 'x', body: 'Giỏ {{ entry.properties.cart_idd }} / {{ entry.properties.cart_id }}' });
    const seen = { event: 'Product Added', properties: { cart_id: { types: ['string'], examples: ['c-1'], lastSeenAt: 1 } } };
    const issues = entryPropertyIssues(graph, seen);
    expect(issues.map((i) => [i.nodeId, i.code])).toEqual([['send', 'unknown-entry-property']]);
    expect(issues[0]!.text.vi).toContain('entry.properties.cart_idd');
    expect(issues[0]!.text.en).toContain('(seen: cart_id)');
    expect(entryPropertyIssues(graph, null)).toEqual([]);
  });
});

describe('publish refuses messages that would not work (HTTP)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  });
  afterAll(async () => api?.stop());
  const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
    api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });

  it('lists every message problem at once, naming the step, and publishes nothing', async () => {
    expect((await api.post('/v1/track', { userId: 'lan', event: 'Product Added', properties: { cart_id: 'c-1', price: 99000 } })).status).toBe(200);
    const graph = journeyGraph(
      [
        [...trigger],
        ['mail', 'send-message', { channel: 'email', subject: 'Chào {{ customer.firstName }}', body: '{% if customer.vip %}Quà cho anh' }, 'Email giỏ hàng'],
        ['later', 'wait-delay', { duration: hours(4) }, 'Chờ 4 giờ'],
        ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: `Giỏ {{ entry.properties.cart_code }} ${'a'.repeat(1_600)}` }, 'SMS nhắc'],
        ['done', 'exit', { reason: 'Sent' }],
      ],
      [
        ['cart', 'out', 'mail'],
        ['mail', 'out', 'later'],
        ['later', 'out', 'sms'],
        ['sms', 'out', 'done'],
      ],
    );
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Giỏ hàng', graph } })).json()) as { id: string };
    const res = await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} });
    const body = (await res.json()) as { error: { code: string; details: Array<{ nodeId: string | null; field: string; code?: string; text?: { vi: string; en: string } }> } };
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.code).toBe('journey_invalid');
    const found = body.error.details.map((d) => [d.field, d.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['nodes.mail.body', 'template-syntax'],
        ['nodes.sms.body', 'message-too-long'],
        ['nodes.sms.config', 'unknown-entry-property'],
      ]),
    );
    const syntax = body.error.details.find((d) => d.field === 'nodes.mail.body')!;
    expect(syntax.text!.vi).toContain('"Email giỏ hàng"');
    const versions = (await (await admin(`/journeys/${created.id}/versions`)).json()) as { versions: unknown[] };
    expect(versions.versions).toHaveLength(0);
  });

  it('answers a 300,000-character paste with a clear refusal naming the field, never a 500', async () => {
    // A draft may hold it while the marketer works; publishing says what is wrong and where.
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Dán nhầm', graph: graphWith({ channel: 'email', subject: 'Chào', body: 'x'.repeat(300_000) }) } })).json()) as { id: string };
    const res = await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} });
    const body = (await res.json()) as { error: { details: Array<{ field: string; code?: string; text?: { vi: string } }> } };
    expect(res.status).toBe(422);
    const pasted = body.error.details.find((d) => d.code === 'field-too-long')!;
    expect(pasted.field).toBe('nodes.send.body');
    expect(pasted.text!.vi).toContain('300.000 ký tự');
  });
});
