// Random payloads at every ingestion route: never a 5xx, and a rejected request changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WRITE_KEY, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

async function snapshot(): Promise<string> {
  const r = await api.db.client.execute(
    `SELECT (SELECT count(*) FROM events) || ':' || (SELECT count(*) FROM customers) || ':' ||
            (SELECT count(*) FROM customer_identities) || ':' || (SELECT count(*) FROM customer_merges) || ':' ||
            (SELECT coalesce(max(updated_at), 0) FROM customers) || ':' || (SELECT coalesce(sum(length(traits)), 0) FROM customers) AS s`,
  );
  return String(r.rows[0]?.s);
}

const routes = ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch'] as const;
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom("'; DROP TABLE events; --", '<script>alert(1)</script>', '\u0000', '__proto__', 'constructor', '\uD800', '0909908089', 'a@b', '9'.repeat(400)),
);
const value = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 4 }), fc.array(hostile, { maxLength: 3 }));
const timestamp = fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())), hostile, fc.integer());

/** Shaped like an event, with any field possibly missing or of the wrong type. */
const eventLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...routes.filter((r) => r !== 'batch')), hostile),
    userId: value,
    anonymousId: value,
    event: value,
    name: value,
    groupId: value,
    previousId: value,
    messageId: value,
    timestamp,
    sentAt: timestamp,
    properties: fc.oneof(fc.dictionary(hostile, value, { maxKeys: 5 }), value),
    traits: fc.oneof(fc.record({ email: value, phone: value, zaloId: value }, { requiredKeys: [] }), value),
    context: fc.oneof(fc.record({ traits: fc.dictionary(hostile, value, { maxKeys: 3 }), externalIds: value }, { requiredKeys: [] }), value),
  },
  { requiredKeys: [] },
);

/** Valid events carrying hostile data: these must be accepted and stored. */
const validEvent = fc.record({
  type: fc.constantFrom('track', 'identify', 'page', 'screen'),
  userId: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000')),
  event: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000')),
  properties: fc.dictionary(hostile, value, { maxKeys: 5 }),
  traits: fc.record({ email: hostile, phone: fc.oneof(hostile, fc.constantFrom('0909908089', '+84 912 345 678')), name: hostile }, { requiredKeys: [] }),
});

const body = fc.oneof(
  { weight: 4, arbitrary: eventLike.map((e) => JSON.stringify(e)) },
  { weight: 3, arbitrary: fc.record({ batch: fc.oneof(fc.array(eventLike, { maxLength: 8 }), value), sentAt: timestamp, context: value }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"batch":[', 'null', '[]', '""', '{"userId":"x","event":"e"', '\u0000') },
);

const request = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...routes), body) },
  { weight: 1, arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 5 }).map((batch) => ['batch', JSON.stringify({ batch })] as const) },
  { weight: 1, arbitrary: validEvent.map((e) => [e.type, JSON.stringify(e)] as const) },
);

describe('fuzzing ingestion', () => {
  it('never answers 5xx; rejections leave the database unchanged', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, fc.constantFrom('basic', 'basic', 'body', 'none', 'wrong'), async ([route, raw], auth) => {
        let payload = raw;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
        if (auth === 'wrong') headers.authorization = `Basic ${Buffer.from('wrong:').toString('base64')}`;
        if (auth === 'body' && raw.startsWith('{') && raw.endsWith('}') && raw.length > 2) {
          payload = `{"writeKey":${JSON.stringify(WRITE_KEY)},${raw.slice(1)}`;
        }
        const before = await snapshot();
        const res = await fetch(`${api.url}/v1/${route}`, { method: 'POST', headers, body: payload });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${route} ${payload.slice(0, 300)} -> ${text.slice(0, 300)}`).toBeLessThan(500);
        const json = JSON.parse(text) as { success?: boolean; error?: { code: string; message: string; details: unknown[] } };
        if (res.status === 200) {
          expect(json).toEqual({ success: true });
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(json.error).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
          expect(text).not.toMatch(/at .*\.ts:\d+/);
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
    // Both sides of the property were exercised.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(10);
  }, 240_000);
});
