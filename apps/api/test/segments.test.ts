// Segments over real HTTP on a real libSQL file, wired as the API process wires them (ingestion
// hook and segment upkeep, without a Temporal runtime): rules refused with the condition named,
// entry as events arrive, expiry as the window passes (the scheduled pass), a person's trait edit
// moving a customer in and out, the live preview, the pickers' catalogue and the journeys using a segment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentUpkeep } from '@braid/temporal';
import { createJourneyRuntime } from '../src/journeys';
import { startTestApi, type TestApi } from './helpers';

const DAY = 86_400_000;
let api: TestApi;
let upkeep: SegmentUpkeep;
/** The upkeep's clock runs ahead of the wall clock by this much (windows expire without waiting). */
let ahead = 0;

const viewedTwice = {
  match: 'all',
  conditions: [{ kind: 'eventCount', event: 'Product Viewed', where: [{ path: 'name', op: 'contains', value: 'mắc khén' }], op: 'greaterOrEqual', count: 2, windowMs: 7 * DAY }],
};

async function body<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function customerId(userId: string): Promise<string> {
  const rs = await api.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
  return String(rs.rows[0]!.customer_id);
}

async function memberIds(segmentId: string): Promise<string[]> {
  const res = await body<{ members: { customerId: string }[] }>(await api.admin(`/api/segments/${segmentId}/members`));
  return res.members.map((m) => m.customerId);
}

async function create(name: string, rule: unknown): Promise<string> {
  return (await body<{ id: string }>(await api.admin('/api/segments', { method: 'POST', body: JSON.stringify({ name, rule }) }), 201)).id;
}

beforeAll(async () => {
  api = await startTestApi((db) => {
    const runtime = createJourneyRuntime({ db, client: null });
    // A bulk change is 5 profiles here (5,000 in production).
    upkeep = runtime.startSegmentUpkeep({ touchesEveryMs: 50, scheduleEveryMs: 50, joinsEveryMs: 50, reevaluateEveryMs: 100, bulkTouchThreshold: 5, now: () => Date.now() + ahead });
    return { onEventsIngested: runtime.onEventsIngested, registerRoutes: runtime.registerRoutes };
  });
});
afterAll(async () => {
  await upkeep.stop();
  await api.stop();
});

describe('segment rules', () => {
  it('refuses a behaviour rule without a window, naming the rule and its path', async () => {
    const res = await api.admin('/api/segments', {
      method: 'POST',
      body: JSON.stringify({ name: 'Ever', rule: { conditions: [{ kind: 'trait', filter: { path: 'city', op: 'exists' } }, { kind: 'eventCount', event: 'Order Completed', where: [], op: 'greaterOrEqual', count: 1 }] } }),
    });
    const err = await body<{ error: { details: { field: string; message: string }[] } }>(res, 400);
    expect(err.error.details[0]!.field).toBe('rule.conditions.1.windowMs');
    expect(err.error.details[0]!.message).toContain('Order Completed');
    const tooLong = await api.admin('/api/segments', {
      method: 'POST',
      body: JSON.stringify({ name: 'Long', rule: { conditions: [{ kind: 'eventCount', event: 'Order Completed', where: [], op: 'greaterOrEqual', count: 1, windowMs: 5000 * DAY }] } }),
    });
    expect((await body<{ error: { details: { field: string }[] } }>(tooLong, 400)).error.details[0]!.field).toBe('rule.conditions.0.windowMs');
    expect(await api.db.client.execute('SELECT count(*) AS n FROM segments').then((r) => Number(r.rows[0]!.n))).toBe(0);
  });

  it('refuses an unknown segment and a cycle between segments (422 naming the condition); nothing is saved', async () => {
    const unknown = await api.admin('/api/segments', { method: 'POST', body: JSON.stringify({ name: 'X', rule: { conditions: [{ kind: 'segment', segmentId: 'nope' }] } }) });
    expect((await body<{ error: { details: { field: string }[] } }>(unknown, 422)).error.details[0]!.field).toBe('rule.conditions.0.segmentId');
    const a = await create('A', { conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'equals', value: true } }] });
    const b = await create('B', { conditions: [{ kind: 'group', match: 'any', conditions: [{ kind: 'segment', segmentId: a }] }] });
    const cycle = await api.admin(`/api/segments/${a}`, { method: 'PUT', body: JSON.stringify({ name: 'A', rule: { conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'exists' } }, { kind: 'segment', segmentId: b }] } }) });
    const err = await body<{ error: { code: string; details: { field: string; message: string }[] } }>(cycle, 422);
    expect(err.error.code).toBe('segment_rule_refused');
    expect(err.error.details[0]!.field).toBe('rule.conditions.1');
    expect(err.error.details[0]!.message).toContain(b);
    const saved = await body<{ rule: { conditions: { kind: string }[] } }>(await api.admin(`/api/segments/${a}`));
    expect(saved.rule.conditions.map((c) => c.kind)).toEqual(['trait']);
    // A segment another one uses cannot be deleted from under it.
    expect((await api.admin(`/api/segments/${a}`, { method: 'DELETE' })).status).toBe(409);
    expect((await api.admin(`/api/segments/${b}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api.admin(`/api/segments/${a}`, { method: 'DELETE' })).status).toBe(200);
  });
});

describe('membership', () => {
  it('a customer enters as their second view arrives and leaves when the window has passed (scheduled pass)', async () => {
    const id = await create('Xem Mắc Khén 2 lần trong 7 ngày', viewedTwice);
    const sixDaysAgo = new Date(Date.now() - 6 * DAY).toISOString();
    await body(await api.post('/v1/track', { userId: 'toan', event: 'Product Viewed', properties: { name: 'Hạt dổi' }, timestamp: sixDaysAgo }));
    await body(await api.post('/v1/track', { userId: 'toan', event: 'Product Viewed', properties: { name: 'Mắc Khén rừng' }, timestamp: sixDaysAgo }));
    const toan = await customerId('toan');
    await eventually(async () => (await body<{ evaluatedAt: number | null }>(await api.admin(`/api/segments/${id}`))).evaluatedAt !== null, 'the first evaluation');
    expect(await memberIds(id)).toEqual([]);
    await body(await api.post('/v1/track', { userId: 'toan', event: 'Product Viewed', properties: { name: 'Mắc Khén' } }));
    await eventually(async () => (await memberIds(id)).includes(toan), 'toan joining');
    // Two days on, the first view is 8 days old: the scheduled pass takes him out.
    ahead = 2 * DAY;
    await eventually(async () => !(await memberIds(id)).includes(toan), 'toan leaving as the window passes');
    ahead = 0;
    const changes = await body<{ changes: { customerId: string; change: string }[] }>(await api.admin(`/api/segments/${id}/changes`));
    expect(changes.changes.map((c) => c.change)).toEqual(['left', 'joined']);
    expect(new Set(changes.changes.map((c) => c.customerId))).toEqual(new Set([toan]));
  });

  it("a person's trait edit in the customer screen moves the customer in and out", async () => {
    await body(await api.post('/v1/identify', { userId: 'hoa', traits: { name: 'Chị Hoa', city: 'Huế' } }));
    const hoa = await customerId('hoa');
    const id = await create('Khách Hà Nội', { conditions: [{ kind: 'trait', filter: { path: 'city', op: 'equals', value: 'hà nội' } }] });
    await eventually(async () => (await body<{ evaluatedAt: number | null }>(await api.admin(`/api/segments/${id}`))).evaluatedAt !== null, 'the first evaluation');
    expect(await memberIds(id)).not.toContain(hoa);
    await body(await api.admin(`/api/customers/${hoa}/traits`, { method: 'PATCH', body: JSON.stringify({ traits: { city: 'Hà Nội' } }) }));
    await eventually(async () => (await memberIds(id)).includes(hoa), 'hoa joining after the edit');
    await body(await api.admin(`/api/customers/${hoa}/traits`, { method: 'PATCH', body: JSON.stringify({ traits: { city: null } }) }));
    await eventually(async () => !(await memberIds(id)).includes(hoa), 'hoa leaving after the trait is removed');
  });

  it('a bulk change of many profiles (an import straight into the table) is settled by a pass over everyone', async () => {
    for (let i = 0; i < 8; i++) await body(await api.post('/v1/identify', { userId: `import-${i}`, traits: { name: `Khách ${i}`, tier: 'silver' } }));
    const id = await create('Hạng vàng', { conditions: [{ kind: 'trait', filter: { path: 'tier', op: 'equals', value: 'gold' } }] });
    await eventually(async () => (await body<{ evaluatedAt: number | null }>(await api.admin(`/api/segments/${id}`))).evaluatedAt !== null, 'the first evaluation');
    expect(await memberIds(id)).toEqual([]);
    await api.db.client.execute("UPDATE customers SET traits = json_set(traits, '$.tier', 'gold') WHERE json_extract(traits, '$.tier') = 'silver'");
    await eventually(async () => (await memberIds(id)).length === 8, 'the imported customers joining');
    expect(Number((await api.db.client.execute('SELECT count(*) AS n FROM segment_touches')).rows[0]!.n)).toBe(0);
  });
});

describe('merges', () => {
  it('a profile merged into another by hand leaves its segments; the survivor is evaluated with the events it gained', async () => {
    const id = await create('Xem Hạt Dổi 2 lần', { conditions: [{ kind: 'eventCount', event: 'Product Viewed', where: [{ path: 'name', op: 'equals', value: 'Hạt Dổi' }], op: 'greaterOrEqual', count: 2, windowMs: 7 * DAY }] });
    await body(await api.post('/v1/track', { userId: 'web-toan', event: 'Product Viewed', properties: { name: 'Hạt Dổi' } }));
    await body(await api.post('/v1/track', { userId: 'web-toan', event: 'Product Viewed', properties: { name: 'Hạt Dổi' } }));
    await body(await api.post('/v1/track', { userId: 'zalo-toan', event: 'Product Viewed', properties: { name: 'Hạt Dổi' } }));
    const web = await customerId('web-toan');
    const zalo = await customerId('zalo-toan');
    await eventually(async () => (await memberIds(id)).includes(web), 'the web profile joining');
    expect(await memberIds(id)).not.toContain(zalo);
    // The web profile's two views move to the Zalo profile: it joins, the merged one leaves.
    await body(await api.admin(`/api/customers/${zalo}/merge`, { method: 'POST', body: JSON.stringify({ profileId: web }) }));
    await eventually(async () => {
      const members = await memberIds(id);
      return members.includes(zalo) && !members.includes(web);
    }, 'membership following the merge');
  });
});

describe('builder support', () => {
  it('previews an unsaved rule with its size and sample members, and lists what the pickers offer', async () => {
    for (const [user, n] of [['p1', 2], ['p2', 1], ['p3', 3]] as const) {
      for (let i = 0; i < n; i++) await body(await api.post('/v1/track', { userId: user, event: 'Product Viewed', properties: { name: 'Mắc Khén', category: 'gia vị' } }));
    }
    const preview = await body<{ count: number; sample: { customerId: string }[] }>(
      await api.admin('/api/segments/preview', {
        method: 'POST',
        body: JSON.stringify({ rule: { conditions: [{ kind: 'eventCount', event: 'Product Viewed', where: [{ path: 'category', op: 'equals', value: 'Gia vị' }], op: 'greaterOrEqual', count: 2, windowMs: 7 * DAY }] } }),
      }),
    );
    expect(preview.count).toBe(2);
    expect(new Set(preview.sample.map((s) => s.customerId))).toEqual(new Set([await customerId('p1'), await customerId('p3')]));
    const bad = await api.admin('/api/segments/preview', { method: 'POST', body: JSON.stringify({ rule: { conditions: [{ kind: 'eventCount', event: 'Product Viewed', op: 'greaterOrEqual', count: 2 }] } }) });
    expect((await body<{ error: { details: { field: string }[] } }>(bad, 400)).error.details[0]!.field).toBe('rule.conditions.0.windowMs');
    const catalogue = await body<{ events: { name: string; properties: { key: string; values: string[] }[] }[]; traits: { key: string }[] }>(await api.admin('/api/segments/catalogue'));
    const viewed = catalogue.events.find((e) => e.name === 'Product Viewed');
    expect(viewed?.properties.find((p) => p.key === 'category')?.values).toEqual(['gia vị']);
    expect(catalogue.traits.map((t) => t.key)).toContain('name');
  });

  it('lists the journeys that start on a segment or use it in a step', async () => {
    const id = await create('VIP', { conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'equals', value: true } }] });
    const graph = { nodes: [{ id: 't', type: 'trigger-segment', typeVersion: 1, config: { segmentId: id, reentry: { mode: 'once' }, entryLimit: null }, position: { x: 0, y: 0 } }], edges: [] };
    const journey = await body<{ id: string }>(await api.admin('/api/journeys', { method: 'POST', body: JSON.stringify({ name: 'Chào VIP', graph }) }), 201);
    const uses = await body<{ journeys: { id: string; name: string; triggeredBySegment: boolean }[] }>(await api.admin(`/api/segments/${id}/journeys`));
    expect(uses.journeys).toEqual([expect.objectContaining({ id: journey.id, name: 'Chào VIP', triggeredBySegment: false })]);
  });
});
