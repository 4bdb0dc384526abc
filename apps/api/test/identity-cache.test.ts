// Two API processes on one database: a merge made by one is seen by the other's identity cache.
import { createDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/server';
import { startTestApi, WRITE_KEY, type TestApi } from './helpers';

let a: TestApi;
let b: RunningApi;
let closeB: () => void;

beforeAll(async () => {
  a = await startTestApi();
  const second = await createDb(`file:${a.dir}/braid.db`);
  closeB = second.close;
  b = await startApi({ db: second, port: 0, bootstrap: false, log: () => undefined });
});
afterAll(async () => {
  await b.close();
  closeB();
  await a.stop();
});

const post = (api: RunningApi, path: string, body: unknown) =>
  fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

async function ownerOf(messageId: string): Promise<string> {
  const r = await a.db.client.execute({
    sql: 'SELECT customer_id FROM events WHERE message_id = ?',
    args: [messageId],
  });
  return String(r.rows[0]?.customer_id);
}

describe('identity cache across processes', () => {
  it('follows a merge made elsewhere', async () => {
    // A learns two separate people.
    await post(a, '/v1/track', { userId: 'known', event: 'Login', messageId: 'x1' });
    await post(a, '/v1/track', { anonymousId: 'visitor', event: 'Browse', messageId: 'x2' });
    await post(a, '/v1/track', { anonymousId: 'visitor', event: 'Browse', messageId: 'x3' });
    const known = await ownerOf('x1');
    expect(await ownerOf('x3')).not.toBe(known);

    // B sees them meet and merges.
    expect(
      (await post(b, '/v1/identify', { userId: 'known', anonymousId: 'visitor', messageId: 'x4' })).status,
    ).toBe(200);

    // A's next event for the visitor lands on the survivor, not the merged-away profile.
    await post(a, '/v1/track', { anonymousId: 'visitor', event: 'Browse', messageId: 'x5' });
    expect(await ownerOf('x5')).toBe(known);
    expect(await ownerOf('x2')).toBe(known);
  });

  it('applies identify traits in order across requests without reading them back', async () => {
    await post(a, '/v1/identify', { userId: 'tr', traits: { name: 'An', city: 'Hà Nội' }, messageId: 't1' });
    await post(a, '/v1/identify', { userId: 'tr', traits: { city: 'Đà Nẵng', vip: true }, messageId: 't2' });
    await post(b, '/v1/identify', { userId: 'tr', traits: { name: 'An Nguyễn' }, messageId: 't3' });
    const id = await ownerOf('t1');
    const r = await a.db.client.execute({
      sql: 'SELECT traits, last_seen_at FROM customers WHERE id = ?',
      args: [id],
    });
    expect(JSON.parse(String(r.rows[0]?.traits))).toEqual({ name: 'An Nguyễn', city: 'Đà Nẵng', vip: true });
    expect(Number(r.rows[0]?.last_seen_at)).toBeGreaterThan(0);
  });

  it('keeps last seen to the minute, never moving backwards', async () => {
    const t = Date.parse('2026-05-01T08:00:00Z');
    const at = (ms: number) => new Date(ms).toISOString();
    await post(a, '/v1/track', { userId: 'ls', event: 'Visit', timestamp: at(t), messageId: 'ls1' });
    await post(a, '/v1/track', { userId: 'ls', event: 'Visit', timestamp: at(t + 5 * 60_000), messageId: 'ls2' });
    await post(a, '/v1/track', { userId: 'ls', event: 'Visit', timestamp: at(t + 5 * 60_000 + 10_000), messageId: 'ls3' });
    await post(b, '/v1/track', { userId: 'ls', event: 'Visit', timestamp: at(t - 60 * 60_000), messageId: 'ls4' });
    const id = await ownerOf('ls1');
    const r = await a.db.client.execute({ sql: 'SELECT last_seen_at FROM customers WHERE id = ?', args: [id] });
    expect(Number(r.rows[0]?.last_seen_at)).toBe(t + 5 * 60_000);
  });
});
