// The send step reads consent, addresses and send rules in one statement at every attempt: a
// group of another channel still answers for itself, a channel-wide stop beats a group, an
// identity beats a trait, and settings changed a moment ago apply to the very next send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannels, createDbOutboxStore, recordConsent, rotateTrackingKey, channelScope } from '@braid/channels';
import { channelSettings, createDb, customerIdentities, customers, eq, messages, migrate, subscriptionGroups, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import { CUSTOMER_AND_SEND_FACTS } from '../src/activities/send-facts';
import { channelsFromEnv } from '../src/worker/channels';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

const vn = (iso: string) => Date.parse(`${iso}+07:00`);
let dir: string;
let db: BraidDb;
let activities: ReturnType<typeof createActivities>;
let clock = vn('2026-11-24T10:00:00');
let visits = 0;

function send(customerId: string, config: Record<string, string>): StepRequest {
  visits += 1;
  return {
    enrollment: { workspaceId: 'ws', journeyId: 'j', versionId: 'v', version: 1, customerId, enrollmentId: `e-${customerId}` },
    workflowId: `journey:j:customer:${customerId}`,
    stepId: 'send',
    nodeId: 'send',
    kindName: 'send-message',
    channel: config.channel!,
    config,
    visit: visits,
    entryEvent: null,
    variables: {},
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-send-facts-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  const at = clock;
  await db.db.insert(workspaces).values({ id: 'ws', name: 'Hoa Ban Food', createdAt: at, timezone: 'Asia/Ho_Chi_Minh' });
  await db.db.insert(customers).values([
    { id: 'toan', workspaceId: 'ws', traits: { firstName: 'Toản', email: 'trait@example.vn' }, createdAt: at, updatedAt: at },
    { id: 'lan', workspaceId: 'ws', traits: { firstName: 'Lan', email: 'lan@example.vn' }, createdAt: at, updatedAt: at },
  ]);
  await db.db.insert(customerIdentities).values({ workspaceId: 'ws', customerId: 'toan', type: 'email', value: 'toan@example.vn' });
  // An SMS group named by an email step, and an opt-in email group.
  await db.db.insert(subscriptionGroups).values([
    { id: 'orders', workspaceId: 'ws', name: 'Đơn hàng', channel: 'sms', mode: 'opt_out', createdAt: at },
    { id: 'news', workspaceId: 'ws', name: 'Bản tin', channel: 'email', mode: 'opt_in', createdAt: at },
  ]);
  activities = createActivities({ db: db.db, channels: createChannels({ outbox: createDbOutboxStore(db.db) }), implementations: await defaultImplementations(), now: () => clock });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const email = { channel: 'email', subject: 'Ưu đãi', body: 'Chào {{ customer.firstName }}' };
const orders = { ...email, subscriptionGroupId: 'orders' };

describe('the facts a send reads in one statement', () => {
  it('a group of another channel answers for itself; the identity is used before the trait', async () => {
    expect(await activities.runAction(send('toan', { ...email, subscriptionGroupId: 'orders' }))).toMatchObject({ ok: true });
    const [sent] = await db.db.select().from(messages).where(eq(messages.customerId, 'toan'));
    expect(sent).toMatchObject({ status: 'sent', recipient: 'toan@example.vn', body: 'Chào Toản' });
  });

  it('an opt-in group nobody joined skips; a channel-wide stop skips even a group the customer joined', async () => {
    const skipped = await activities.runAction(send('lan', { ...email, subscriptionGroupId: 'news' }));
    expect(skipped).toMatchObject({ ok: true, output: { status: 'suppressed', reason: expect.stringContaining('opt-in group, never subscribed') } });
    await recordConsent(db.db, { workspaceId: 'ws', customerId: 'lan', scope: 'news', status: 'subscribed', source: 'admin', at: clock });
    expect(await activities.runAction(send('lan', { ...email, subscriptionGroupId: 'news' }))).toMatchObject({ ok: true, output: { status: 'sent' } });
    await recordConsent(db.db, { workspaceId: 'ws', customerId: 'lan', scope: channelScope('email'), status: 'unsubscribed', source: 'one_click', at: clock + 1 });
    const stopped = await activities.runAction(send('lan', { ...email, subscriptionGroupId: 'news' }));
    expect(stopped).toMatchObject({ output: { status: 'suppressed', reason: expect.stringContaining('unsubscribed from all email marketing (one_click)') } });
  });

  it('a profile merged since the customer entered answers with the live profile, not what the step read first', async () => {
    // The step reads the enrolled (merged-away) profile's facts with its row; the send must use Minh's.
    await db.db.insert(customers).values([
      { id: 'minh', workspaceId: 'ws', traits: { firstName: 'Minh' }, createdAt: clock, updatedAt: clock },
      { id: 'minh-old', workspaceId: 'ws', traits: { firstName: 'Minh cũ' }, mergedInto: 'minh', createdAt: clock, updatedAt: clock },
    ]);
    await db.db.insert(customerIdentities).values([
      { workspaceId: 'ws', customerId: 'minh', type: 'email', value: 'minh@example.vn' },
      { workspaceId: 'ws', customerId: 'minh-old', type: 'email', value: 'minh.old@example.vn' },
    ]);
    await recordConsent(db.db, { workspaceId: 'ws', customerId: 'minh', scope: channelScope('email'), status: 'unsubscribed', source: 'preference_page', at: clock });
    const result = await activities.runAction(send('minh-old', email));
    expect(result).toMatchObject({ ok: true, output: { status: 'suppressed', reason: expect.stringContaining('unsubscribed from all email marketing') } });
    expect(await db.db.select().from(messages).where(eq(messages.recipient, 'minh.old@example.vn'))).toEqual([]);
  });

  it('quiet hours and a cap saved a moment ago apply to the very next send', async () => {
    clock = vn('2026-11-24T22:00:00');
    expect(await activities.runAction(send('toan', orders))).toMatchObject({ ok: true, output: { status: 'sent' } });
    await db.db.insert(channelSettings).values({ workspaceId: 'ws', channel: '*', config: {}, frequencyCap: null, quietHours: { start: '21:00', end: '08:00' } });
    expect(await activities.runAction(send('toan', orders))).toMatchObject({ output: { postponedUntil: vn('2026-11-25T08:00:00') } });
    // In the day, a cap of 2 per 24 h across channels: Toản already had 2 marketing emails.
    clock = vn('2026-11-25T09:00:00');
    await db.db.update(channelSettings).set({ frequencyCap: [{ max: 2, perHours: 24 }] }).where(eq(channelSettings.workspaceId, 'ws'));
    const capped = await activities.runAction(send('toan', orders));
    expect(capped).toMatchObject({ output: { postponedUntil: vn('2026-11-25T10:00:00'), reason: expect.stringContaining('2 per') } });
  });
});

describe('what the send reads and writes costs one customer, not the workspace', () => {
  const plan = async (statement: string, args: Record<string, string | null> | (string | number | null)[]) =>
    (await db.db.$client.execute({ sql: `EXPLAIN QUERY PLAN ${statement}`, args })).rows.map((r) => String(r.detail));

  it('addresses are found by the customer, never by walking every address of the type', async () => {
    const details = await plan(CUSTOMER_AND_SEND_FACTS, { key: 'k', ws: 'ws', customer: 'toan', channel: 'email', grp: null, scope: 'channel:email', types: '["email"]' });
    expect(details.filter((d) => d.includes('customer_identities'))).toEqual([expect.stringContaining('customer_identities_customer_type_idx (customer_id=? AND workspace_id=? AND type=?)')]);
    expect(details.filter((d) => /^SCAN (messages|subscriptions|customer_identities|customers)/.test(d))).toEqual([]);
  });

  it("Decree 91's count of a number's advertising SMS searches that number's SMS", async () => {
    const details = await plan(
      `SELECT count(*) FROM messages WHERE workspace_id = ? AND created_at > ? AND status IN ('queued', 'sent') AND channel = 'sms' AND recipient = ? AND json_extract(payload, '$.policy.advertising') = 1`,
      ['ws', 0, '+84901234567'],
    );
    expect(details).toEqual([expect.stringContaining('messages_sms_recipient_idx (workspace_id=? AND recipient=? AND created_at>?)')]);
  });
});

describe('links after a tracking key rotation', () => {
  it('the very next send signs with the new key, though the worker had the old one cached a moment ago', async () => {
    // The worker's own registry, as npm start runs it: links signed with the workspace's key.
    const env = { BRAID_TRACKING_SECRET: 'send-facts-test', BRAID_TRACKING_BASE_URL: 'http://127.0.0.1:9' };
    const channels = channelsFromEnv(db.db, env);
    const tracked = createActivities({ db: db.db, channels, implementations: await defaultImplementations(), now: () => clock });
    const keyIdOf = (body: string | null) => {
      const token = /\/t\/u\/([^\s"<]+)/.exec(body ?? '')?.[1];
      return token?.split('.')[1] ? (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { i?: string }).i : undefined;
    };
    const withLink = { channel: 'email', subject: 'Ưu đãi', body: 'Chào {{ customer.firstName }}. Huỷ nhận: {{ unsubscribe_url }}', messageType: 'transactional' };
    const marketing = { ...withLink, messageType: 'marketing', subscriptionGroupId: 'orders' };
    await db.db.insert(customers).values({ id: 'hoa', workspaceId: 'ws', traits: { firstName: 'Hoa', email: 'hoa@example.vn' }, createdAt: clock, updatedAt: clock });
    clock = vn('2026-11-26T10:00:00');
    await db.db.update(channelSettings).set({ frequencyCap: null, quietHours: null }).where(eq(channelSettings.workspaceId, 'ws'));

    expect(await tracked.runAction(send('hoa', marketing))).toMatchObject({ ok: true, output: { status: 'sent' } });
    const [first] = await db.db.select().from(messages).where(eq(messages.recipient, 'hoa@example.vn'));
    expect(keyIdOf(first!.body)).toBe('k1');

    await rotateTrackingKey(db.db, null, { workspaceId: 'ws', keepOldMs: 0, now: Date.now() });
    expect(await tracked.runAction(send('hoa', marketing))).toMatchObject({ ok: true, output: { status: 'sent' } });
    const rows = await db.db.select().from(messages).where(eq(messages.recipient, 'hoa@example.vn'));
    expect(rows.map((r) => keyIdOf(r.body)).sort()).toEqual(['k1', 'k2']);
    await channels.close();
  });
});
