import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelSettings, createDb, eq, messages, migrate, newId, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChannels,
  createDbOutboxStore,
  createMemoryOutboxStore,
  listOutbox,
  loadChannelSendRules,
  nextAllowedSendTime,
  recentSendTimes,
  type ChannelAdapter,
  type RenderedMessage,
} from '../src/index';

let dir: string;
let braid: BraidDb;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-channels-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
});
afterAll(() => {
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});

const msg = (over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'sms',
  to: '+84901234567',
  body: 'Chào Toản, mã HOABAN50 giảm 50.000 ₫',
  idempotencyKey: newId(),
  customerId: 'cust-toan',
  workspaceId: 'ws-hoaban',
  meta: { journeyId: 'j-cart', version: 3, nodeId: 'send-sms', enrollmentId: 'e1' },
  ...over,
});

describe('sandbox outbox', () => {
  it('is the default for every built-in channel and for channels nobody configured', async () => {
    const channels = createChannels({ outbox: createMemoryOutboxStore() });
    expect(channels.describe()).toEqual({ email: 'sandbox', sms: 'sandbox', messenger: 'sandbox', zalo: 'sandbox', web: 'sandbox', push: 'sandbox', webhook: 'sandbox' });
    expect(channels.adapterFor('line').name).toBe('sandbox');
  });

  it('records into the messages table, once per idempotency key, and lists per customer', async () => {
    const channels = createChannels({ outbox: createDbOutboxStore(braid.db) });
    const first = msg({ channel: 'zalo', to: 'zalo-uid-1', payload: { template_id: 'abc' } });
    const a = await channels.send(first, { now: () => 1_000 });
    const again = await channels.send(first, { now: () => 2_000 });
    expect(a).toMatchObject({ status: 'sent', retryable: false });
    expect(a.providerMessageId).toMatch(/^sandbox:/);
    expect(again.providerMessageId).toBe(a.providerMessageId);

    await channels.send(msg({ channel: 'email', to: 'toan@example.vn', subject: 'Chào Toản', html: '<p>Chào</p>' }), { now: () => 3_000 });
    await channels.send(msg({ customerId: 'cust-lan' }), { now: () => 4_000 });
    await channels.send(msg({ workspaceId: 'ws-other' }), { now: () => 5_000 });

    const toan = await listOutbox(braid.db, { workspaceId: 'ws-hoaban', customerId: 'cust-toan' });
    expect(toan.map((e) => e.channel)).toEqual(['email', 'zalo']);
    expect(toan[0]).toMatchObject({ subject: 'Chào Toản', html: '<p>Chào</p>', to: 'toan@example.vn', recordedAt: 3_000 });
    expect(toan[1]).toMatchObject({
      to: 'zalo-uid-1',
      body: 'Chào Toản, mã HOABAN50 giảm 50.000 ₫',
      payload: { template_id: 'abc' },
      idempotencyKey: first.idempotencyKey,
      meta: { journeyId: 'j-cart', version: 3, nodeId: 'send-sms' },
    });
    expect(await listOutbox(braid.db, { workspaceId: 'ws-hoaban' })).toHaveLength(3);
    expect(await listOutbox(braid.db, { workspaceId: 'ws-hoaban', channel: 'sms' })).toHaveLength(1);
    expect(await listOutbox(braid.db, { workspaceId: 'ws-hoaban', before: 3_000 })).toHaveLength(1);
    expect(await listOutbox(braid.db, { workspaceId: 'ws-hoaban', limit: 1 })).toHaveLength(1);

    const [row] = await braid.db.select().from(messages).where(eq(messages.idempotencyKey, first.idempotencyKey));
    expect(row).toMatchObject({ status: 'sent', journeyId: 'j-cart', version: 3, nodeId: 'send-sms', enrollmentId: 'e1', recipient: 'zalo-uid-1' });
  });

  it('completes a row the runtime queued beforehand instead of clashing with it', async () => {
    const m = msg({ customerId: 'cust-queued', payload: { keep: null, n: [1, null] } });
    await braid.db.insert(messages).values({
      id: 'queued-row',
      workspaceId: m.workspaceId,
      customerId: m.customerId,
      channel: 'sms',
      idempotencyKey: m.idempotencyKey,
      status: 'queued',
      payload: { attempt: 1 },
      createdAt: 10,
      updatedAt: 10,
    });
    const result = await createChannels({ outbox: createDbOutboxStore(braid.db) }).send(m);
    expect(result).toMatchObject({ status: 'sent', providerMessageId: 'sandbox:queued-row' });
    const [entry] = await listOutbox(braid.db, { workspaceId: m.workspaceId, customerId: 'cust-queued' });
    expect(entry).toMatchObject({ id: 'queued-row', body: m.body, meta: m.meta, payload: { keep: null, n: [1, null] } });
    const [row] = await braid.db.select().from(messages).where(eq(messages.id, 'queued-row'));
    // The runtime's own payload keys survive; the sandbox adds its record under `sandbox`.
    expect(row?.payload).toMatchObject({ attempt: 1, sandbox: { payload: { keep: null } } });
  });

  it('completes the queued row named by meta.messageId in place, once, and leaves rows it does not own alone', async () => {
    const m = msg({ customerId: 'cust-by-id', payload: { phone: '+84901234567' } });
    await braid.db.insert(messages).values({
      id: 'runtime-row', workspaceId: m.workspaceId, customerId: m.customerId, channel: 'sms', idempotencyKey: m.idempotencyKey,
      status: 'queued', payload: { policy: { marketing: true } }, createdAt: 20, updatedAt: 20,
    });
    const store = createDbOutboxStore(braid.db);
    const withId = { ...m, meta: { ...m.meta, messageId: 'runtime-row' } };
    const first = await store.record(withId, 30);
    expect(first).toMatchObject({ duplicate: false, entry: { id: 'runtime-row', recordedAt: 20, to: m.to, payload: { phone: '+84901234567' } } });
    const [row] = await braid.db.select().from(messages).where(eq(messages.id, 'runtime-row'));
    expect(row).toMatchObject({ status: 'sent', providerMessageId: 'sandbox:runtime-row', recipient: m.to, body: m.body, updatedAt: 30 });
    expect(row?.payload).toMatchObject({ policy: { marketing: true }, sandbox: { payload: { phone: '+84901234567' } } });

    // Recorded already: the second call is a duplicate and changes nothing.
    const again = await store.record({ ...withId, body: 'changed' }, 40);
    expect(again).toMatchObject({ duplicate: true, entry: { id: 'runtime-row', body: m.body } });

    // A messageId that belongs to another message's key is not taken over: the key decides.
    const other = msg({ customerId: 'cust-by-id' });
    const stray = await store.record({ ...other, meta: { ...other.meta, messageId: 'runtime-row' } }, 50);
    expect(stray.entry.id).not.toBe('runtime-row');
    const [kept] = await braid.db.select().from(messages).where(eq(messages.id, 'runtime-row'));
    expect(kept).toMatchObject({ idempotencyKey: m.idempotencyKey, body: m.body, updatedAt: 30 });
  });

  it('an adapter that throws becomes a retryable failure, never a crash', async () => {
    const broken: ChannelAdapter = { channel: 'sms', name: 'broken', send: async () => { throw new Error('boom'); } };
    const channels = createChannels({ outbox: createMemoryOutboxStore(), adapters: { sms: broken } });
    expect(await channels.send(msg())).toMatchObject({ status: 'failed', retryable: true, error: { code: 'ADAPTER_CRASHED' } });
    expect(() => createChannels({ outbox: createMemoryOutboxStore(), adapters: { email: broken } })).toThrow(/configured under email/);
  });
});

describe('send rules from the database', () => {
  it('reads channel settings and counts only real sends against the cap', async () => {
    const ws = 'ws-rules';
    await braid.db.insert(channelSettings).values({ workspaceId: ws, channel: 'sms', frequencyCap: [{ max: 1, perHours: 24 }], quietHours: { start: '21:00', end: '08:00' } });
    const rules = await loadChannelSendRules(braid.db, ws, 'sms');
    expect(rules).toEqual({ quietHours: { from: '21:00', to: '08:00' }, frequencyCap: [{ max: 1, periodMs: 86_400_000 }] });
    expect(await loadChannelSendRules(braid.db, ws, 'email')).toEqual({ quietHours: null, frequencyCap: [] });

    const now = Date.parse('2026-11-24T10:00:00+07:00');
    const store = createDbOutboxStore(braid.db);
    await store.record(msg({ workspaceId: ws, customerId: 'c' }), now - 3_600_000);
    await braid.db.insert(messages).values({ id: newId(), workspaceId: ws, customerId: 'c', channel: 'sms', idempotencyKey: newId(), status: 'failed', createdAt: now - 60_000, updatedAt: now });
    const times = await recentSendTimes(braid.db, { workspaceId: ws, customerId: 'c', channel: 'sms', since: now - 86_400_000 });
    expect(times).toEqual([now - 3_600_000]);
    const decision = nextAllowedSendTime({ now, channel: 'sms', quietHours: rules.quietHours, frequencyCap: rules.frequencyCap, recentSendTimes: times });
    // Cap frees at 09:00 tomorrow, outside quiet hours.
    expect(decision).toMatchObject({ reason: 'frequencyCap', allowedAt: now - 3_600_000 + 86_400_000 });
  });
});

describe('adapters from the environment', () => {
  it('keeps everything in the sandbox unless SMTP or a webhook secret is configured', async () => {
    const { adaptersFromEnv, webhookOptionsFromEnv } = await import('../src/index');
    expect(adaptersFromEnv({})).toEqual({});
    const live = adaptersFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525', SMTP_FROM: 'shop@hoaban.vn', WEBHOOK_SIGNING_SECRET: 's' });
    const channels = createChannels({ outbox: createMemoryOutboxStore(), adapters: live });
    expect(channels.describe()).toMatchObject({ email: 'smtp', webhook: 'webhook', sms: 'sandbox', zalo: 'sandbox' });
    await channels.close();
    expect(webhookOptionsFromEnv({ WEBHOOK_SIGNING_SECRET: 's', WEBHOOK_ALLOW_LIST: 'crm.internal, 10.0.0.0/8', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })).toEqual({
      secret: 's',
      allowPrivateNetworks: true,
      allowList: ['crm.internal', '10.0.0.0/8'],
    });
  });
});
