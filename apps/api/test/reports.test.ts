// Journey reports over real HTTP on a real libSQL file: the journey's version, enrolments, step
// log and messages are written as the worker writes them; the orders arrive through the POS
// endpoint, so revenue attribution and referral credits are exercised from a real sale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let workspaceId: string;
const DAY = 86_400_000;
const now = Date.now();
const ids: Record<string, string> = {};

async function sql(statement: string, args: (string | number | null)[] = []) {
  return api.db.client.execute({ sql: statement, args });
}

async function customerOf(userId: string): Promise<string> {
  const r = await sql(`SELECT customer_id FROM customer_identities WHERE workspace_id = ? AND type = 'user_id' AND value = ?`, [workspaceId, userId]);
  return String(r.rows[0]!.customer_id);
}

const pos = (body: Record<string, unknown>) => api.post('/v1/pos/orders', { store: 'Hàng Giấy', products: [{ name: 'Combo Mắc Khén', price: Number(body.price) }], ...body, price: undefined });

const graph = {
  nodes: [
    { id: 'start', type: 'trigger-event', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'ab', type: 'condition-random-split', typeVersion: 1, config: { branches: [{ label: 'Email trước', percent: 40 }, { label: 'SMS trước', percent: 40 }], holdoutPercent: 20 }, position: { x: 0, y: 0 } },
    { id: 'email1', type: 'send-message', typeVersion: 1, label: 'Email giỏ hàng', config: {}, position: { x: 0, y: 0 } },
    { id: 'goal', type: 'goal', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [],
};

/** 09:30 in Hà Nội (UTC+7) two days ago. */
const sentAt = Math.floor(now / DAY) * DAY - 2 * DAY + 2.5 * 3_600_000;

beforeAll(async () => {
  api = await startTestApi();
  workspaceId = ((await (await api.admin('/api/workspaces/current')).json()) as { id: string }).id;
  for (const [userId, phone, traits] of [
    ['toan', '0909908089', { name: 'Toản', referral_code: 'TOAN99' }],
    ['lan', '0912000001', { name: 'Lan' }],
    ['minh', '0912000002', { name: 'Minh' }],
    ['hoa', '0912000003', { name: 'Hoa' }],
  ] as const) {
    expect((await api.post('/v1/identify', { userId, traits: { ...traits, phone } })).status).toBe(200);
    ids[userId] = await customerOf(userId);
  }
  await sql(`INSERT INTO journeys (id, workspace_id, name, status, draft_graph, active_version, created_at, updated_at) VALUES ('jr_cart', ?, 'Giỏ hàng bỏ quên', 'active', ?, 1, ?, ?)`, [workspaceId, JSON.stringify(graph), now, now]);
  await sql(`INSERT INTO journey_versions (id, journey_id, workspace_id, version, ir, graph, created_at) VALUES ('jv_cart_1', 'jr_cart', ?, 1, ?, ?, ?)`, [
    workspaceId,
    JSON.stringify({ goal: { match: { event: 'Order Completed', where: [] }, windowMs: 7 * DAY, onConvert: { kind: 'exit' } } }),
    JSON.stringify(graph),
    now,
  ]);
  const enrol = (id: string, who: string, status: string, enteredAt: number) =>
    sql(`INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, current_node, entered_at) VALUES (?, ?, 'jr_cart', 1, ?, ?, ?, 'email1', ?)`, [id, workspaceId, ids[who]!, `wf-${id}`, status, enteredAt]);
  await enrol('en_lan', 'lan', 'converted', now - DAY);
  await enrol('en_minh', 'minh', 'active', now - 10 * DAY);
  await enrol('en_hoa', 'hoa', 'active', now - DAY);
  await enrol('en_toan', 'toan', 'active', now - DAY);
  const step = (enrolment: string, who: string, node: string, outcome: string, reason: string | null) =>
    sql(`INSERT INTO step_log (id, workspace_id, enrollment_id, journey_id, version, customer_id, node_id, outcome, reason, at) VALUES (?, ?, ?, 'jr_cart', 1, ?, ?, ?, ?, ?)`, [`sl_${enrolment}_${node}_${outcome}`, workspaceId, enrolment, ids[who]!, node, outcome, reason, now - DAY]);
  await step('en_lan', 'lan', 'ab', 'left', 'random split: path0');
  await step('en_minh', 'minh', 'ab', 'left', 'random split: path1');
  await step('en_hoa', 'hoa', 'ab', 'left', 'random split: holdout');
  for (const [e, who] of [['en_lan', 'lan'], ['en_minh', 'minh']] as const) await step(e, who, 'email1', 'entered', null);
  const message = (id: string, who: string, enrolment: string, status: string) =>
    sql(`INSERT INTO messages (id, workspace_id, customer_id, journey_id, version, enrollment_id, node_id, channel, idempotency_key, status, created_at, updated_at) VALUES (?, ?, ?, 'jr_cart', 1, ?, 'email1', 'email', ?, ?, ?, ?)`, [id, workspaceId, ids[who]!, enrolment, id, status, sentAt, sentAt]);
  await message('ms_lan', 'lan', 'en_lan', 'clicked');
  await message('ms_minh', 'minh', 'en_minh', 'delivered');
  await message('ms_hoa', 'hoa', 'en_hoa', 'failed');

  // Showroom sales: Lan's inside her window, Minh's 10 days after he entered (outside 7 days),
  // both with Toản's referral code; Toản's own order with his own code earns him nothing.
  expect((await pos({ phone: '0912 000 001', orderId: 'HB-1', price: 1_350_000, referralCode: 'TOAN99' })).status).toBe(200);
  expect((await pos({ phone: '+84 912-000-002', orderId: 'HB-2', price: 800_000, referralCode: 'TOAN99' })).status).toBe(200);
  expect((await pos({ phone: '0909 908 089', orderId: 'HB-3', price: 200_000, referralCode: 'TOAN99' })).status).toBe(200);
  // The till retries the first sale: stored once, credited once.
  expect((await (await pos({ phone: '0912 000 001', orderId: 'HB-1', price: 1_350_000, referralCode: 'TOAN99' })).json()) as { duplicate: boolean }).toMatchObject({ duplicate: true });
});
afterAll(() => api.stop());

describe('journey report', () => {
  it('counts entered, in progress, converted, revenue inside the goal window and referrals credited', async () => {
    const res = await api.admin('/api/reports/journeys/jr_cart');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { journey: { version: number; goalWindowMs: number }; summary: Record<string, number> };
    expect(body.journey).toMatchObject({ version: 1, goalWindowMs: 7 * DAY });
    // Lan's 1,350,000 and Toản's 200,000 fall inside their windows; Minh's 800,000 does not.
    expect(body.summary).toEqual({ entered: 4, inProgress: 3, converted: 1, conversionRate: 0.25, revenue: 1_550_000, referralsCredited: 2 });
  });

  it('credits the referrer once per referred order, never for their own', async () => {
    const r = await sql(`SELECT json_extract(properties, '$.referred_customer_id') AS referred, json_extract(properties, '$.revenue') AS revenue FROM events WHERE customer_id = ? AND name = 'Referral Credited' ORDER BY revenue`, [ids.toan!]);
    expect(r.rows.map((row) => [row.referred, row.revenue])).toEqual([
      [ids.minh, 800_000],
      [ids.lan, 1_350_000],
    ]);
  });

  it('compares the A/B groups and the holdout with their sizes', async () => {
    const body = (await (await api.admin('/api/reports/journeys/jr_cart?version=1')).json()) as { groups: Record<string, unknown>[] };
    expect(body.groups).toEqual([
      { splitNodeId: 'ab', group: 'path0', label: 'Email trước', holdout: false, size: 1, converted: 1, conversionRate: 1, revenue: 1_350_000 },
      { splitNodeId: 'ab', group: 'path1', label: 'SMS trước', holdout: false, size: 1, converted: 0, conversionRate: 0, revenue: 0 },
      { splitNodeId: 'ab', group: 'holdout', label: 'holdout', holdout: true, size: 1, converted: 0, conversionRate: 0, revenue: 0 },
    ]);
  });

  it('gives each step its message figures, cumulative by the furthest status', async () => {
    const body = (await (await api.admin('/api/reports/journeys/jr_cart')).json()) as { steps: { nodeId: string }[] };
    expect(body.steps.find((s) => s.nodeId === 'start')).toMatchObject({ type: 'trigger-event', entered: 4, sent: 0 });
    expect(body.steps.find((s) => s.nodeId === 'email1')).toEqual({ nodeId: 'email1', type: 'send-message', label: 'Email giỏ hàng', entered: 2, sent: 2, delivered: 2, opened: 1, clicked: 1, replied: 0, failed: 1, postponed: 0 });
  });

  it('refuses an unknown version with 404 naming the field', async () => {
    const res = await api.admin('/api/reports/journeys/jr_cart?version=9');
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toContain('version');
  });
});

describe('engagement', () => {
  it('puts a message at the hour and weekday it went out in the workspace time zone', async () => {
    const body = (await (await api.admin('/api/reports/engagement')).json()) as { timezone: string; byHour: unknown[]; byWeekday: unknown[]; channels: Record<string, unknown>[] };
    expect(body.timezone).toBe('Asia/Ho_Chi_Minh');
    const weekday = new Date(sentAt + 7 * 3_600_000).getUTCDay();
    expect(body.byHour).toEqual([{ channel: 'email', slot: 9, sent: 2, engaged: 1 }]);
    expect(body.byWeekday).toEqual([{ channel: 'email', slot: weekday, sent: 2, engaged: 1 }]);
    expect(body.channels).toEqual([{ channel: 'email', sent: 2, delivered: 2, opened: 1, clicked: 1, replied: 0, failed: 1, engagementRate: 0.5 }]);
  });

  it('narrows the hours to one customer group, and names an unknown group', async () => {
    await sql(`INSERT INTO segments (id, workspace_id, name, rule, created_at) VALUES ('sg_vip', ?, 'Khách thân thiết', '{}', ?)`, [workspaceId, now]);
    await sql(`INSERT INTO segment_members (segment_id, customer_id, entered_at) VALUES ('sg_vip', ?, ?)`, [ids.lan!, now]);
    const body = (await (await api.admin('/api/reports/engagement?segment=sg_vip')).json()) as { segment: string; byHour: unknown[]; groups: unknown[] };
    expect(body.segment).toBe('sg_vip');
    expect(body.byHour).toEqual([{ channel: 'email', slot: 9, sent: 1, engaged: 1 }]);
    expect(body.groups).toEqual([{ segmentId: 'sg_vip', segment: 'Khách thân thiết', channel: 'email', customers: 1, sent: 1, engaged: 1, engagementRate: 1 }]);
    const unknown = await api.admin('/api/reports/engagement?segment=sg_nope');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toContain('segment');
  });

  it('refuses a period over a year, naming the field', async () => {
    const res = await api.admin(`/api/reports/engagement?from=0&to=${now}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('from');
  });
});

describe('CSV export', () => {
  it('exports the summary and the steps', async () => {
    const res = await api.admin('/api/reports/journeys/jr_cart/export?table=summary');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    expect(text.replace('\uFEFF', '').split('\r\n')).toEqual(['version,entered,in_progress,converted,conversion_rate,revenue_vnd,referrals_credited', '1,4,3,1,0.25,1550000,2', '']);
    const steps = await (await api.admin('/api/reports/journeys/jr_cart/export?table=steps')).text();
    expect(steps).toContain('email1,send-message,Email giỏ hàng,2,2,2,1,1,0,1,0');
  });

  it('streams the enrolments page by page, every row once', async () => {
    const rows = 2_600;
    // Bulk seed: one statement per 500 rows.
    for (let start = 0; start < rows; start += 500) {
      const values = [];
      for (let i = start; i < Math.min(rows, start + 500); i++) values.push(`('en_bulk_${String(i).padStart(5, '0')}', '${workspaceId}', 'jr_cart', 1, 'cu_bulk_${i}', 'wf_bulk_${i}', '${i % 3 === 0 ? 'completed' : 'active'}', ${now - DAY})`);
      await sql(`INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, entered_at) VALUES ${values.join(',')}`);
    }
    const res = await api.admin('/api/reports/journeys/jr_cart/export?table=enrolments');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.replace('\uFEFF', '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('enrolment,customer,version,status,entered_at,finished_at,converted,revenue_vnd,referrals_credited');
    const ids = lines.slice(1).map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(rows + 4);
    expect(new Set(ids).size).toBe(rows + 4);
    // Pages of 1,000 written as they are read, not one buffered body (the network may join some).
    expect(chunks).toBeGreaterThan(1);
    expect(lines.find((l) => l.startsWith('en_lan,'))).toMatch(/,converted,.*,1,1350000,0$/);
  });
});
