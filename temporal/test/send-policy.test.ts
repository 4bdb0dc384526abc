// Sending policy at send time, through the runAction activity against a real libSQL file and local
// fakes of eSMS, Messenger and Zalo that check each request against the providers' documented
// shapes: Decree 91 for advertising SMS, Messenger's window and tags, ZNS templates and quota,
// and a cap across channels that two workers racing for its last slot cannot both pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannels, createDbOutboxStore, createEsmsAdapter, createMessengerAdapter, createZaloAdapter, recordInbound, type ChannelRegistry } from '@braid/channels';
import { and, channelAccounts, channelSettings, createDb, customers, eq, messages, migrate, stepLog, workspaces, znsTemplates, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEsms, type FakeEsms } from '../../packages/channels/test/fakes/fake-sms';
import { startFakeMessenger, type FakeMessenger } from '../../packages/channels/test/fakes/fake-messenger';
import { startFakeZalo, type FakeZalo } from '../../packages/channels/test/fakes/fake-zalo';
import { createActivities } from '../src/activities/index';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

const vn = (iso: string) => Date.parse(`${iso}+07:00`);
const HOUR = 3_600_000;

let dir: string;
let db: BraidDb;
let esms: FakeEsms;
let fb: FakeMessenger;
let zalo: FakeZalo;
let channels: ChannelRegistry;
let clock = vn('2026-11-24T12:00:00');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-send-policy-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  esms = await startFakeEsms('esms-key', 'esms-secret');
  fb = await startFakeMessenger({ token: 'page-token', version: 'v23.0' });
  zalo = await startFakeZalo('zalo-token');
  channels = createChannels({
    outbox: createDbOutboxStore(db.db),
    adapters: {
      sms: createEsmsAdapter({ apiKey: 'esms-key', secretKey: 'esms-secret', brandname: 'HOABANFOOD', smsType: '2', baseUrl: esms.url, timeoutMs: 5_000 }),
      messenger: createMessengerAdapter({ pageAccessToken: 'page-token', graphVersion: 'v23.0', baseUrl: fb.url, timeoutMs: 5_000 }),
      zalo: createZaloAdapter({ accessToken: 'zalo-token', mode: 'zns', bodyParam: 'content', znsBaseUrl: zalo.url, oaBaseUrl: zalo.url, timeoutMs: 5_000 }),
    },
  });
  const now = Date.now();
  await db.db.insert(workspaces).values([
    { id: 'ws', name: 'Hoa Ban Food', createdAt: now },
    { id: 'capped', name: 'Nhà hàng B', createdAt: now },
  ]);
  await db.db.insert(customers).values([
    { id: 'toan', workspaceId: 'ws', traits: { firstName: 'Toản', phone: '+84912345678', facebook_psid: '2468013579' }, createdAt: now, updatedAt: now },
    { id: 'lan', workspaceId: 'capped', traits: { firstName: 'Lan', email: 'lan@example.vn', phone: '+84987654321' }, createdAt: now, updatedAt: now },
  ]);
});
afterAll(async () => {
  db.close();
  await Promise.all([esms.close(), fb.close(), zalo.close()]);
  rmSync(dir, { recursive: true, force: true });
});

let nodes = 0;
const request = (customerId: string, config: Record<string, unknown>, nodeId = `n${++nodes}`, workspaceId = 'ws'): StepRequest => ({
  enrollment: { workspaceId, journeyId: 'j1', versionId: 'v1', version: 1, customerId, enrollmentId: `e-${customerId}` },
  workflowId: `journey:j1:customer:${customerId}`,
  stepId: nodeId,
  nodeId,
  kindName: 'send-message',
  channel: String(config.channel),
  config: config as StepRequest['config'],
  visit: 1,
  entryEvent: null,
  variables: {},
});

async function activities(database = db) {
  return createActivities({ db: database.db, channels, implementations: await defaultImplementations(), now: () => clock });
}

const stepsOf = (nodeId: string) => db.db.select().from(stepLog).where(eq(stepLog.nodeId, nodeId));

describe('Decree 91/2020: advertising SMS through eSMS', () => {
  it('postpones a 23:00 send to 07:00, sends it as type 1 with [QC], and holds the 4th within 24 h', async () => {
    const act = await activities();
    const ad = { channel: 'sms', body: 'Thịt trâu gác bếp giảm 20% hôm nay', smsPurpose: 'advertising' };
    clock = vn('2026-11-24T23:00:00');
    const night = request('toan', ad);
    const first = await act.runAction(night);
    expect(first).toMatchObject({ ok: true, output: { postponedUntil: vn('2026-11-25T07:00:00') } });
    expect(esms.requests).toHaveLength(0);
    expect((await stepsOf(night.nodeId))[0]).toMatchObject({ outcome: 'postponed', reason: expect.stringContaining('Decree 91/2020') });

    clock = vn('2026-11-25T07:00:00');
    await act.runAction(night);
    await act.runAction(request('toan', ad));
    await act.runAction(request('toan', ad));
    expect(esms.requests).toHaveLength(3);
    for (const r of esms.requests) expect(r.json).toMatchObject({ SmsType: '1', Brandname: 'HOABANFOOD', Content: '[QC] Thịt trâu gác bếp giảm 20% hôm nay', Phone: '0912345678' });

    clock = vn('2026-11-25T15:00:00');
    const fourth = await act.runAction(request('toan', ad));
    expect(fourth).toMatchObject({ output: { postponedUntil: vn('2026-11-26T07:00:00') } });
    expect(esms.requests).toHaveLength(3);
  });

  it('a customer-care or transactional SMS is not advertising: no [QC], type 2, sent at night', async () => {
    const act = await activities();
    clock = vn('2026-11-25T23:30:00');
    await act.runAction(request('toan', { channel: 'sms', body: 'Đơn HB-1042 đã giao', messageType: 'transactional' }));
    expect(esms.requests.at(-1)?.json).toMatchObject({ SmsType: '2', Content: 'Đơn HB-1042 đã giao' });
  });
});

describe("Messenger's 24-hour window", () => {
  it('skips outside the window without a tag, sends the chosen tag, and answers as RESPONSE inside it', async () => {
    const act = await activities();
    clock = vn('2026-11-26T12:00:00');
    const untagged = request('toan', { channel: 'messenger', body: 'Món mới tuần này' });
    expect(await act.runAction(untagged)).toMatchObject({ ok: true });
    expect(fb.requests).toHaveLength(0);
    expect((await stepsOf(untagged.nodeId))[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining("outside Messenger's 24-hour window") });

    await act.runAction(request('toan', { channel: 'messenger', body: 'Đơn của anh đã giao', messengerTag: 'POST_PURCHASE_UPDATE' }));
    expect(fb.requests.at(-1)?.json).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE', recipient: { id: '2468013579' } });

    await recordInbound(db.db, { workspaceId: 'ws', channel: 'messenger', address: '2468013579', at: clock - 2 * HOUR });
    await act.runAction(request('toan', { channel: 'messenger', body: 'Dạ em trả lời anh ạ' }));
    const inside = fb.requests.at(-1)?.json as Record<string, unknown>;
    expect(inside).toMatchObject({ messaging_type: 'RESPONSE', message: { text: 'Dạ em trả lời anh ạ' } });
    expect(inside.tag).toBeUndefined();
  });
});

describe('Zalo ZNS templates and the daily quota', () => {
  const params = [
    { name: 'customer_name', maxLength: 30, required: true },
    { name: 'order_code', maxLength: 10, required: true },
  ];
  const zns = (order: string) => ({
    channel: 'zalo',
    body: 'ZNS',
    messageType: 'transactional',
    znsTemplateId: '248123',
    znsParams: { customer_name: '{{ customer.firstName }}', order_code: order },
  });

  beforeAll(async () => {
    await db.db.insert(znsTemplates).values({ id: 't1', workspaceId: 'ws', templateId: '248123', name: 'Xác nhận đơn', params, purpose: 'transaction', status: 'approved', createdAt: 0, updatedAt: 0 });
    zalo.templates.set('248123', params);
  });

  it("sends the registered template with each parameter rendered from its Liquid expression", async () => {
    clock = vn('2026-11-27T10:00:00');
    await (await activities()).runAction(request('toan', zns('HB-1042')));
    expect(zalo.requests.at(-1)?.json).toMatchObject({ phone: '84912345678', template_id: '248123', template_data: { customer_name: 'Toản', order_code: 'HB-1042' } });
  });

  it('refuses a parameter longer than Zalo allows, a missing one and an unregistered template, naming them; nothing is sent', async () => {
    const act = await activities();
    const before = zalo.requests.length;
    await expect(act.runAction(request('toan', zns('HB-10429999999')))).rejects.toThrow(/order_code is 14 characters, Zalo allows at most 10/);
    await expect(act.runAction(request('toan', { ...zns(''), znsParams: { customer_name: 'Toản' } }))).rejects.toThrow(/order_code is required/);
    await expect(act.runAction(request('toan', { ...zns('HB-1'), znsTemplateId: '999' }))).rejects.toThrow(/ZNS template 999 is not registered/);
    expect(zalo.requests).toHaveLength(before);
  });

  it("a send Zalo refuses for quota waits for the next day in Vietnam (no retry storm), then goes", async () => {
    const act = await activities();
    clock = vn('2026-11-27T16:00:00');
    zalo.quota.left = 0;
    const step = request('toan', zns('HB-2001'));
    expect(await act.runAction(step)).toMatchObject({ ok: true, output: { postponedUntil: vn('2026-11-28T00:00:00') } });
    const [row] = await db.db.select().from(messages).where(and(eq(messages.nodeId, step.nodeId)));
    expect(row).toMatchObject({ status: 'postponed', error: expect.stringContaining('ZALO_ZNS_QUOTA') });
    clock = vn('2026-11-28T00:00:00');
    zalo.quota.left = 10;
    await act.runAction(step);
    const [after] = await db.db.select().from(messages).where(eq(messages.nodeId, step.nodeId));
    expect(after?.status).toBe('sent');
    zalo.quota.left = undefined;
  });

  it("the OA's configured daily quota postpones the send over it to midnight without calling Zalo", async () => {
    await db.db.insert(channelAccounts).values({ workspaceId: 'ws', kind: 'zalo', config: { mode: 'zns', dailyQuota: 2 }, secrets: '', keyId: 'none', updatedAt: 0 });
    const act = await activities();
    clock = vn('2026-11-29T09:00:00');
    await act.runAction(request('toan', zns('A-1')));
    await act.runAction(request('toan', zns('A-2')));
    const before = zalo.requests.length;
    expect(await act.runAction(request('toan', zns('A-3')))).toMatchObject({ output: { postponedUntil: vn('2026-11-30T00:00:00') } });
    expect(zalo.requests).toHaveLength(before);
  });
});

describe('frequency cap across channels', () => {
  it('two workers racing for the last slot: exactly one send passes, the rest are postponed; transactional goes anyway', async () => {
    await db.db.insert(channelSettings).values({ workspaceId: 'capped', channel: '*', config: {}, frequencyCap: [{ max: 1, perHours: 24 }], quietHours: null });
    clock = vn('2026-11-24T12:00:00');
    const second = await createDb(`file:${join(dir, 'braid.db')}`);
    try {
      const [a, b] = [await activities(), await activities(second)];
      const sends = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).runAction(request('lan', { channel: i % 3 === 0 ? 'sms' : 'email', subject: 'Ưu đãi', body: `Ưu đãi ${i}`, smsPurpose: 'customer_care' }, `race${i}`, 'capped')));
      const results = await Promise.all(sends);
      const postponed = results.filter((r) => r.ok && r.output && typeof r.output === 'object' && 'postponedUntil' in r.output);
      const rows = await db.db.select().from(messages).where(eq(messages.workspaceId, 'capped'));
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
      expect(postponed).toHaveLength(11);

      await a.runAction(request('lan', { channel: 'email', subject: 'Đơn hàng', body: 'Đơn đã giao', messageType: 'transactional' }, 'order', 'capped'));
      const after = await db.db.select().from(messages).where(eq(messages.workspaceId, 'capped'));
      expect(after.filter((r) => r.status === 'sent')).toHaveLength(2);
    } finally {
      second.close();
    }
  });
});
