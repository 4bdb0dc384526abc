import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePhone } from '../src/identity/normalize';
import { count, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

async function customerOf(type: string, value: string): Promise<string | undefined> {
  const r = await api.db.client.execute({
    sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?',
    args: [type, value],
  });
  return r.rows[0]?.customer_id as string | undefined;
}

async function eventOwners(messageIds: string[]): Promise<string[]> {
  const r = await api.db.client.execute({
    sql: `SELECT customer_id FROM events WHERE message_id IN (${messageIds.map(() => '?').join(',')})`,
    args: messageIds,
  });
  return r.rows.map((row) => String(row.customer_id));
}

describe('phone numbers', () => {
  it('normalises Vietnamese numbers to E.164', () => {
    expect(normalizePhone('0909908089')).toBe('+84909908089');
    expect(normalizePhone('090 990 8089')).toBe('+84909908089');
    expect(normalizePhone('+84 909 908 089')).toBe('+84909908089');
    expect(normalizePhone('84909908089')).toBe('+84909908089');
    expect(normalizePhone('+1 415 555 2671')).toBe('+14155552671');
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone({})).toBeNull();
  });
});

describe('identity resolution', () => {
  it('merges an anonymous visitor into the known customer when they identify; events follow', async () => {
    await api.post('/v1/identify', { userId: 'toan', traits: { name: 'Toản', phone: '0909908089' }, messageId: 'k1' });
    await api.post('/v1/page', { anonymousId: 'anon-toan', name: 'Menu', messageId: 'a1' });
    await api.post('/v1/track', { anonymousId: 'anon-toan', event: 'Added to Cart', messageId: 'a2' });
    const known = await customerOf('user_id', 'toan');
    const anon = await customerOf('anonymous_id', 'anon-toan');
    expect(known).toBeDefined();
    expect(anon).not.toBe(known);

    // The visitor logs in: same phone (spelled differently) links the anonymous profile too.
    const res = await api.post('/v1/identify', { anonymousId: 'anon-toan', userId: 'toan', traits: { phone: '+84 909 908 089', email: 'Toan@Example.vn' }, messageId: 'k2' });
    expect(res.status).toBe(200);
    expect(await customerOf('anonymous_id', 'anon-toan')).toBe(known);
    expect(await customerOf('phone', '+84909908089')).toBe(known);
    expect(await customerOf('email', 'toan@example.vn')).toBe(known);
    expect(new Set(await eventOwners(['k1', 'a1', 'a2', 'k2']))).toEqual(new Set([known]));

    const merges = await api.db.client.execute({ sql: 'SELECT from_id, into_id FROM customer_merges WHERE from_id = ?', args: [anon!] });
    expect(merges.rows).toEqual([expect.objectContaining({ from_id: anon, into_id: known })]);
    const loser = await api.db.client.execute({ sql: 'SELECT merged_into FROM customers WHERE id = ?', args: [anon!] });
    expect(loser.rows[0]?.merged_into).toBe(known);

    // The admin API finds the person by the old id, by phone, and shows everything once.
    const profile = (await (await api.admin(`/api/customers/${anon}`)).json()) as {
      id: string;
      traits: Record<string, unknown>;
      identities: Array<{ type: string; value: string }>;
      mergedFrom: string[];
      events: Array<{ messageId: string }>;
    };
    expect(profile.id).toBe(known);
    expect(profile.traits).toMatchObject({ name: 'Toản', phone: '+84909908089', email: 'Toan@Example.vn' });
    expect(profile.mergedFrom).toContain(anon);
    expect(profile.events.map((e) => e.messageId).sort()).toEqual(['a1', 'a2', 'k1', 'k2']);
  });

  it('merges two known profiles that turn out to be one person, nothing lost or duplicated', async () => {
    await api.post('/v1/identify', { userId: 'lan-shop', traits: { email: 'lan@example.vn', tier: 'gold' }, messageId: 'l1' });
    await api.post('/v1/identify', { userId: 'lan-zalo', traits: { zaloId: 'z-123', phone: '0912345678' }, messageId: 'l2' });
    await api.post('/v1/track', { userId: 'lan-zalo', event: 'Messaged', messageId: 'l3' });
    const a = await customerOf('user_id', 'lan-shop');
    const b = await customerOf('user_id', 'lan-zalo');
    expect(a).not.toBe(b);
    const eventsBefore = await count(api, 'events');

    // The POS sees Lan's phone on the shop account: one person.
    await api.post('/v1/identify', { userId: 'lan-shop', traits: { phone: '0912 345 678' }, messageId: 'l4' });
    const survivor = await customerOf('user_id', 'lan-shop');
    expect(survivor).toBe(a);
    expect(await customerOf('user_id', 'lan-zalo')).toBe(a);
    expect(await customerOf('zalo_id', 'z-123')).toBe(a);
    expect(new Set(await eventOwners(['l1', 'l2', 'l3', 'l4']))).toEqual(new Set([a]));
    expect(await count(api, 'events')).toBe(eventsBefore + 1);
    const traits = await api.db.client.execute({ sql: 'SELECT traits FROM customers WHERE id = ?', args: [a!] });
    expect(JSON.parse(String(traits.rows[0]?.traits))).toMatchObject({ email: 'lan@example.vn', tier: 'gold', zaloId: 'z-123', phone: '+84912345678' });
    const identities = await api.db.client.execute({ sql: 'SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?', args: [b!] });
    expect(Number(identities.rows[0]?.n)).toBe(0);
  });

  it('resolves inside one batch: the same person across events, merges mid-batch', async () => {
    const res = await api.post('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'b-anon', name: 'Home', messageId: 'b1' },
        { type: 'track', anonymousId: 'b-anon', event: 'Viewed Dish', messageId: 'b2' },
        { type: 'identify', userId: 'b-user', traits: { email: 'b@example.vn' }, messageId: 'b3' },
        { type: 'identify', anonymousId: 'b-anon', traits: { email: 'B@example.vn' }, messageId: 'b4' },
        { type: 'track', userId: 'b-user', event: 'Order Completed', messageId: 'b5' },
      ],
    });
    expect(res.status).toBe(200);
    const owner = await customerOf('user_id', 'b-user');
    expect(await customerOf('anonymous_id', 'b-anon')).toBe(owner);
    expect(new Set(await eventOwners(['b1', 'b2', 'b3', 'b4', 'b5']))).toEqual(new Set([owner]));
  });

  it('links alias previousId to the new userId', async () => {
    await api.post('/v1/track', { userId: 'old-id', event: 'Something', messageId: 'al1' });
    await api.post('/v1/alias', { previousId: 'old-id', userId: 'new-id', messageId: 'al2' });
    expect(await customerOf('user_id', 'new-id')).toBe(await customerOf('user_id', 'old-id'));
  });
});
