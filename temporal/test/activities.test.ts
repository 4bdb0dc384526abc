// The activities on their own, against a real libSQL file: a retried or replayed send (same
// workflow, node and visit) finds its row and never sends twice; effects are keyed the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannels, type ChannelAdapter, type RenderedMessage } from '@braid/channels';
import { createDb, customers, eq, messages, migrate, vouchers, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import { createDbOutboxStore } from '@braid/channels';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

let dir: string;
let db: BraidDb;
const delivered: RenderedMessage[] = [];
// Counts every delivery attempt that reaches the "provider".
const countingSms: ChannelAdapter = {
  channel: 'sms',
  name: 'counting',
  async send(message) {
    delivered.push(message);
    return { status: 'sent', providerMessageId: `p-${delivered.length}`, retryable: false };
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-activities-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  await db.db.insert(workspaces).values({ id: 'ws', name: 'Hoa Ban Food', createdAt: Date.now() });
  await db.db.insert(customers).values({ id: 'c1', workspaceId: 'ws', traits: { firstName: 'Toản', phone: '+84912345678' }, createdAt: Date.now(), updatedAt: Date.now() });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (kindName: string, config: unknown, visit = 1): StepRequest => ({
  enrollment: { workspaceId: 'ws', journeyId: 'j1', versionId: 'v1', version: 1, customerId: 'c1', enrollmentId: 'e1' },
  workflowId: 'journey:j1:customer:c1',
  stepId: kindName,
  nodeId: kindName,
  kindName,
  channel: 'sms',
  config: config as StepRequest['config'],
  visit,
  entryEvent: null,
  variables: {},
});

describe('activities', () => {
  it('a retried send does not reach the provider twice; a new visit sends again', async () => {
    const activities = createActivities({
      db: db.db,
      channels: createChannels({ outbox: createDbOutboxStore(db.db), adapters: { sms: countingSms } }),
      implementations: await defaultImplementations(),
    });
    const sms = { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}' };
    const first = await activities.runAction(request('send-message', sms));
    const retry = await activities.runAction(request('send-message', sms));
    expect(first.ok && retry.ok).toBe(true);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ to: '+84912345678', body: 'Chào Toản' });
    await activities.runAction(request('send-message', sms, 2));
    expect(delivered).toHaveLength(2);
    const rows = await db.db.select().from(messages).where(eq(messages.customerId, 'c1'));
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(['journey:j1:customer:c1/e1:send-message:1', 'journey:j1:customer:c1/e1:send-message:2']);
  });

  it('a retried voucher issue returns the code the first attempt issued', async () => {
    const activities = createActivities({ db: db.db, channels: createChannels({ outbox: createDbOutboxStore(db.db) }), implementations: await defaultImplementations() });
    const config = { discountType: 'amount', amount: 99_000, currency: 'VND', prefix: 'HOABAN', validFor: { amount: 14, unit: 'days' }, minOrder: 0 };
    const a = await activities.runAction(request('issue-voucher', config));
    const b = await activities.runAction(request('issue-voucher', config));
    expect(a).toEqual(b);
    expect(await db.db.select().from(vouchers)).toHaveLength(1);
  });

  it('an unknown node type or bad settings fail the step without retries', async () => {
    const activities = createActivities({ db: db.db, channels: createChannels({ outbox: createDbOutboxStore(db.db) }), implementations: await defaultImplementations() });
    await expect(activities.runAction(request('no-such-node', {}))).rejects.toMatchObject({ nonRetryable: true });
    await expect(activities.runAction(request('send-message', { channel: 'carrier-pigeon' }))).rejects.toMatchObject({ nonRetryable: true });
  });
});
