// A lone UTF-16 surrogate cannot be stored as sent (SQLite keeps U+FFFD), so an id containing one
// would be stored under one spelling and looked up under another: refused with 400, anywhere in
// an event. Well-formed text outside the BMP is stored and found again after a restart.
import { createDb } from '@braid/db';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../src/server';
import { startTestApi, WRITE_KEY, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

async function rows(): Promise<string> {
  const r = await api.db.client.execute(
    `SELECT (SELECT count(*) FROM events) || ':' || (SELECT count(*) FROM customers) || ':' || (SELECT count(*) FROM customer_identities) AS s`,
  );
  return String(r.rows[0]?.s);
}

async function expect400(res: Response, field: string) {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(400);
  const body = JSON.parse(text) as { error: { details: Array<{ field: string; message: string }> } };
  expect(body.error.details.map((d) => d.field)).toContain(field);
  expect(body.error.details[0]?.message).toMatch(/surrogate/);
}

const lone = ['\uD800', 'a\uDC00b', 'x\uD83D'];

describe('lone surrogates', () => {
  it('are refused in every id that becomes an identity key, and anywhere else in an event', async () => {
    const before = await rows();
    for (const s of lone) {
      // JSON.stringify escapes them (\ud800), exactly what a hostile client sends.
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['identify', { userId: `u${s}` }, 'userId'],
        ['track', { anonymousId: s, event: 'e' }, 'anonymousId'],
        ['alias', { userId: 'u', previousId: s }, 'previousId'],
        ['group', { userId: 'u', groupId: s }, 'groupId'],
        ['identify', { userId: 'u', traits: { email: `${s}@example.com` } }, 'traits.email'],
        ['identify', { userId: 'u', traits: { phone: `0909${s}908089` } }, 'traits.phone'],
        ['track', { userId: 'u', event: 'e', context: { traits: { email: s } } }, 'context.traits.email'],
        ['track', { userId: 'u', event: 'e', context: { externalIds: [{ id: s, type: 'zalo_id' }] } }, 'context.externalIds.0.id'],
        ['track', { userId: 'u', event: s }, 'event'],
        ['track', { userId: 'u', event: 'e', messageId: s }, 'messageId'],
        ['track', { userId: 'u', event: 'e', properties: { [`k${s}`]: 1 } }, `properties.k${s}`],
      ];
      for (const [route, body, field] of cases) {
        await expect400(await api.post(`/v1/${route}`, body), field);
        await expect400(await api.post('/v1/batch', { batch: [{ type: route, ...body }] }), `batch.0.${field}`);
      }
    }
    expect(await rows()).toBe(before);
  });

  it('keeps well-formed astral text (surrogate pairs) the same in storage and lookup, across a restart', async () => {
    const userId = 'khách-😀-𝔘';
    expect((await api.post('/v1/identify', { userId, traits: { name: 'Emoji 🎉' } })).status).toBe(200);
    const customers = await api.db.client.execute('SELECT count(*) AS n FROM customers');

    // A restart: a new connection to the same file, so no cache remembers the id.
    await api.close();
    const db = await createDb(`file:${join(api.dir, 'braid.db')}`);
    const again = await startApi({ db, port: 0, bootstrap: false, log: () => undefined });
    try {
      const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` };
      const res = await fetch(`${again.url}/v1/identify`, { method: 'POST', headers, body: JSON.stringify({ userId, traits: { plan: 'pro' } }) });
      expect(res.status).toBe(200);
      const stored = await db.client.execute({ sql: "SELECT value FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
      expect(stored.rows.map((r) => r.value)).toEqual([userId]);
      const after = await db.client.execute('SELECT count(*) AS n FROM customers');
      expect(after.rows[0]?.n).toBe(customers.rows[0]?.n);
    } finally {
      await again.close();
      db.close();
    }
  });
});
