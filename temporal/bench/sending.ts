// `npm run bench:sending -w @braid/temporal` (also the last part of `npm run bench`): sends per
// second through the whole send step — consent, Decree 91 / quiet hours / caps across channels
// (checked and counted in one statement), Liquid rendering, the idempotency row — into the
// sandbox outbox, printed beside the sandbox adapter alone writing the same messages in the same
// run (target ≥ 0.7 of it). Both on a real libSQL file; bounded by counts; nothing asserts.
//
// What the ratio can reach: the sandbox alone is one INSERT. The send step is one read (customer,
// consent, addresses, rules), one conditional INSERT (the cap slot, taken atomically) and the
// sandbox's UPDATE of that row, plus rendering; so with the statements alone it sits near 1/3
// of the sandbox. The per-send milliseconds printed below say what the policy costs in absolute
// terms, beside what a real provider's request takes (tens of milliseconds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDbOutboxStore, createSandboxAdapter, type RenderedMessage } from '@braid/channels';
import { channelSettings, createDb, customerIdentities, customers, migrate, subscriptionGroups, workspaces } from '@braid/db';
import { createActivities } from '../src/activities/index';
import { channelsFromEnv } from '../src/worker/channels';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

const N = Number(process.env.BENCH_SENDS_N ?? 2_000);
const CONCURRENCY = 16;
const log = (line: string) => console.log(`[bench:sending] ${line}`);

async function pool(count: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await run(next++);
  }));
}

async function timed(label: string, count: number, run: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  await pool(count, run);
  const perSecond = count / ((performance.now() - started) / 1000);
  log(`${label}: ${count} sends, ${perSecond.toFixed(0)}/s`);
  return perSecond;
}

const dir = mkdtempSync(join(tmpdir(), 'braid-bench-sending-'));
const braid = await createDb(`file:${join(dir, 'braid.db')}`);
try {
  const db = braid.db;
  await migrate(db);
  const now = Date.parse('2026-11-24T10:00:00+07:00');
  await db.insert(workspaces).values({ id: 'ws', name: 'Hoa Ban Food', createdAt: now });
  // What a real shop has on: a consent group, quiet hours for every channel, a cap across channels.
  await db.insert(subscriptionGroups).values({ id: 'promo', workspaceId: 'ws', name: 'Khuyến mãi', channel: 'email', mode: 'opt_out', createdAt: now });
  await db.insert(channelSettings).values({ workspaceId: 'ws', channel: '*', config: {}, frequencyCap: [{ max: 5, perHours: 24 }], quietHours: { start: '21:00', end: '08:00' } });
  const rows = Array.from({ length: N }, (_, i) => ({ id: `c${i}`, workspaceId: 'ws', traits: { firstName: `Khách ${i}`, email: `khach${i}@example.vn`, timezone: 'Asia/Ho_Chi_Minh' }, createdAt: now, updatedAt: now }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(customers).values(rows.slice(i, i + 500));
  // Addresses as identities, as ingestion keeps them: the send reads them by the customer.
  const addresses = rows.map((r, i) => ({ workspaceId: 'ws', customerId: r.id, type: 'email', value: `khach${i}@example.vn` }));
  for (let i = 0; i < addresses.length; i += 500) await db.insert(customerIdentities).values(addresses.slice(i, i + 500));

  const outbox = createDbOutboxStore(db);
  const sandbox = createSandboxAdapter('email', outbox);
  const message = (i: number): RenderedMessage => ({
    channel: 'email',
    to: `khach${i}@example.vn`,
    subject: 'Ưu đãi cuối tuần',
    body: `Chào Khách ${i}, thịt trâu gác bếp giảm 20% cuối tuần này.`,
    idempotencyKey: `ceiling:${i}`,
    customerId: `c${i}`,
    workspaceId: 'ws',
    meta: {},
  });
  const ceiling = await timed('sandbox adapter alone (ceiling)', N, async (i) => {
    await sandbox.send(message(i));
  });

  // The worker's own registry, as `npm start` configures it: workspace accounts sealed under a
  // key, open/click tracking and one-click unsubscribe signed with the workspace's tracking key.
  const env = { BRAID_SECRETS_KEY: randomBytes(32).toString('base64'), BRAID_TRACKING_SECRET: 'bench', BRAID_TRACKING_BASE_URL: 'http://127.0.0.1:3000' };
  const channels = channelsFromEnv(db, env);
  const activities = createActivities({ db, channels, implementations: await defaultImplementations(), now: () => now });
  const config = { channel: 'email', subject: 'Ưu đãi cuối tuần', body: 'Chào {{ customer.firstName }}, thịt trâu gác bếp giảm 20% cuối tuần này.', subscriptionGroupId: 'promo' };
  const request = (i: number): StepRequest => ({
    enrollment: { workspaceId: 'ws', journeyId: 'j1', versionId: 'v1', version: 1, customerId: `c${i}`, enrollmentId: `e${i}` },
    workflowId: `journey:j1:customer:c${i}`,
    stepId: 'send',
    nodeId: 'send',
    kindName: 'send-message',
    channel: 'email',
    config,
    visit: 1,
    entryEvent: null,
    variables: {},
  });
  const full = await timed('send step: consent + caps + quiet hours + rendering → sandbox', N, async (i) => {
    const result = await activities.runAction(request(i));
    if (!result.ok || (result.output && typeof result.output === 'object' && 'postponedUntil' in result.output)) throw new Error(`send ${i} did not go: ${JSON.stringify(result)}`);
  });
  log(`send step / sandbox alone: ${(full / ceiling).toFixed(2)} (target ≥ 0.70)`);
  await channels.close();
  log(`policy + rendering per send: ${(1000 / full - 1000 / ceiling).toFixed(3)} ms beyond the sandbox's ${(1000 / ceiling).toFixed(3)} ms`);
} finally {
  braid.close();
  rmSync(dir, { recursive: true, force: true });
}
