// Hostile shapes at /v1: deep nesting and impossible dates are refused with 400 naming the field,
// before anything is stored, on every route; a batch is all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/json-limits';
import { MAX_TIMESTAMP_MS } from '../src/ingest/timestamps';
import { ADMIN_TOKEN, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

/** `levels` objects nested in each other, as JSON text (JSON.stringify would overflow first). */
function nestedText(levels: number): string {
  return '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
}
const nested = (levels: number): unknown => JSON.parse(nestedText(levels));

async function rows(): Promise<string> {
  const r = await api.db.client.execute(
    `SELECT (SELECT count(*) FROM events) || ':' || (SELECT count(*) FROM customers) || ':' ||
            (SELECT count(*) FROM customer_identities) || ':' || (SELECT coalesce(sum(length(traits)), 0) FROM customers) AS s`,
  );
  return String(r.rows[0]?.s);
}

async function expect400(res: Response, field: string) {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(400);
  const body = JSON.parse(text) as { error: { code: string; message: string; details: Array<{ field: string; message: string }> } };
  expect(body.error.details.map((d) => d.field)).toContain(field);
  return body.error;
}

describe('JSON depth', () => {
  it('refuses traits nested 1,500 levels with 400 naming the field; the customer still works after', async () => {
    const before = await rows();
    const res = await api.post('/v1/identify', `{"userId":"deep-1","traits":${nestedText(1500)}}`);
    const error = await expect400(res, 'traits');
    expect(error.details[0]?.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(await rows()).toBe(before);
    // What used to break afterwards: more identifies for the user, and search over the workspace.
    for (const plan of ['free', 'pro']) expect((await api.post('/v1/identify', { userId: 'deep-1', traits: { plan } })).status).toBe(200);
    expect((await api.admin('/api/customers?q=deep-1')).status).toBe(200);
  });

  it('accepts exactly the limit (the event is the first level) and merges such traits again', async () => {
    // event (1) > traits (2) > deepest (3) > 61 more levels = 64.
    const deepest = nested(MAX_JSON_DEPTH - 2);
    for (const n of [1, 2]) {
      const res = await api.post('/v1/identify', { userId: 'at-limit', traits: { deepest, n } });
      expect(res.status, await res.text()).toBe(200);
    }
    await expect400(await api.post('/v1/identify', { userId: 'over-limit', traits: { deepest: nested(MAX_JSON_DEPTH - 1) } }), 'traits');
  });

  it('answers 10,000 levels with 400, not 500, on every route and in a batch', async () => {
    const deep = nestedText(10_000);
    const before = await rows();
    const bodies: Array<[string, string, string]> = [
      ['track', `{"userId":"u","event":"e","properties":${deep}}`, 'properties'],
      ['identify', `{"userId":"u","traits":${deep}}`, 'traits'],
      ['page', `{"userId":"u","context":${deep}}`, 'context'],
      ['screen', `{"userId":"u","name":"s","properties":${deep}}`, 'properties'],
      ['group', `{"userId":"u","groupId":"g","traits":${deep}}`, 'traits'],
      ['alias', `{"userId":"u","previousId":"p","integrations":${deep}}`, 'integrations'],
      ['track', `{"userId":"u","event":"e","extra":${deep}}`, 'extra'],
      ['batch', `{"batch":[{"type":"track","userId":"u","event":"ok"},{"type":"identify","userId":"u","traits":${deep}}]}`, 'batch.1.traits'],
      ['batch', `{"context":${deep},"batch":[{"type":"track","userId":"u","event":"ok"}]}`, 'context'],
    ];
    for (const [route, body, field] of bodies) await expect400(await api.post(`/v1/${route}`, body), field);
    // The whole request as one deep array (500 KB of brackets is 250,000 levels).
    const brackets = 250_000;
    const res = await api.post('/v1/batch', '['.repeat(brackets) + ']'.repeat(brackets));
    expect(res.status).toBe(400);
    expect(await rows()).toBe(before);
  });

  it('refuses a whole batch when one event is bad: nothing of it is stored', async () => {
    const before = await rows();
    const batch = [
      { type: 'identify', userId: 'batch-good', traits: { email: 'good@example.com' } },
      { type: 'track', userId: 'batch-good', event: 'Fine' },
      { type: 'track', userId: 'batch-good', event: 'Deep', properties: nested(200) },
    ];
    await expect400(await api.post('/v1/batch', { batch }), 'batch.2.properties');
    expect(await rows()).toBe(before);
  });
});

describe('fields declared by some types, stored from all', () => {
  it('refuses a groupId or previousId that is not an id on any event type (it is stored for all)', async () => {
    const before = await rows();
    await expect400(await api.post('/v1/track', { userId: 'u', event: 'e', previousId: [] }), 'previousId');
    await expect400(await api.post('/v1/identify', { userId: 'u', groupId: { a: 1 } }), 'groupId');
    await expect400(await api.post('/v1/batch', { batch: [{ type: 'page', userId: 'u', groupId: true }] }), 'batch.0.groupId');
    expect(await rows()).toBe(before);
    expect((await api.post('/v1/track', { userId: 'u', event: 'e', groupId: 42, previousId: 'p' })).status).toBe(200);
  });

  it('refuses traits or properties that are not objects on any event type (they are stored for all)', async () => {
    const before = await rows();
    await expect400(await api.post('/v1/track', { userId: 'u', event: 'e', traits: 'x' }), 'traits');
    await expect400(await api.post('/v1/identify', { userId: 'u', properties: 5 }), 'properties');
    await expect400(await api.post('/v1/alias', { userId: 'u', previousId: 'p', traits: [] }), 'traits');
    expect(await rows()).toBe(before);
  });
});

describe('timestamps', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['1e20', { timestamp: 1e20 }, 'timestamp'],
    ['negative', { timestamp: -1 }, 'timestamp'],
    ['year 10000', { timestamp: '+010000-01-01T00:00:00.000Z' }, 'timestamp'],
    ['year -1', { timestamp: '-000001-01-01T00:00:00.000Z' }, 'timestamp'],
    ['before 1970', { timestamp: '1969-12-31T23:59:59.999Z' }, 'timestamp'],
    ['originalTimestamp 1e20', { originalTimestamp: 1e20 }, 'originalTimestamp'],
    ['sentAt 1e20', { timestamp: '2025-01-01T00:00:00Z', sentAt: 1e20 }, 'sentAt'],
    ['not a date', { timestamp: 'yesterday' }, 'timestamp'],
  ];
  for (const [name, fields, field] of cases) {
    it(`refuses ${name} with 400 naming ${field}`, async () => {
      const before = await rows();
      await expect400(await api.post('/v1/track', { userId: 'ts', event: 'e', ...fields }), field);
      await expect400(await api.post('/v1/batch', { batch: [{ type: 'track', userId: 'ts', event: 'e', ...fields }] }), `batch.0.${field}`);
      expect(await rows()).toBe(before);
    });
  }

  it("refuses a batch whose envelope sentAt is not a date in range (it corrects every event's time)", async () => {
    const before = await rows();
    for (const sentAt of [1e20, -5, '+275760-09-13T00:00:00.000Z', 'soon', true]) {
      await expect400(await api.post('/v1/batch', { sentAt, batch: [{ type: 'track', userId: 'ts', event: 'e' }] }), 'sentAt');
    }
    expect(await rows()).toBe(before);
  });

  it('clamps a correction that leaves the range, so every stored timestamp is a Date', async () => {
    // Both in range, but their gap would put the event thousands of years before 1970.
    const res = await api.post('/v1/track', { userId: 'ts-clamp', event: 'e', messageId: 'ts-clamp', timestamp: 0, sentAt: MAX_TIMESTAMP_MS });
    expect(res.status).toBe(200);
    const r = await api.db.client.execute({ sql: 'SELECT timestamp FROM events WHERE message_id = ?', args: ['ts-clamp'] });
    const stored = Number(r.rows[0]?.timestamp);
    expect(new Date(stored).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    // And the event reads back through the admin API.
    const events = await api.admin('/api/events?limit=5', { token: ADMIN_TOKEN });
    expect(events.status).toBe(200);
  });
});
