// A workspace's own ad-audience account that the worker cannot use (its sealed secrets do not
// open, or what they hold is not a usable account) fails the journey's audience step with
// AUDIENCE_ACCOUNT_INVALID, and never slips to the installation's ad account: the worker's wiring
// from the environment (audiencesFromEnv) is driven through the activities on a real libSQL file,
// with Meta's Custom Audience endpoint faked on 127.0.0.1 recording every request.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyringOf, saveAccount } from '@braid/channels';
import { and, audienceMembers, channelAccounts, createDb, customerIdentities, customers, eq, migrate, stepLog, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFacebookAudiences, type FakeFacebookAudiences } from '../../packages/channels/test/fakes/fake-audiences';
import { createActivities } from '../src/activities/index';
import { audiencesFromEnv, channelsFromEnv } from '../src/worker/channels';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

const KEY = randomBytes(32);
const AUDIENCE = 'Quảng cáo 99k';
const AUDIENCE_ID = '23850000000099';
const VERSION = 'v23.0';

let dir: string;
let db: BraidDb;
/** The installation's ad account (FACEBOOK_ADS_*): nothing of a broken workspace may reach it. */
let installation: FakeFacebookAudiences;
/** The workspace's own ad account, where its account points. */
let own: FakeFacebookAudiences;
let env: Record<string, string>;
const now = Date.now();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-audience-account-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  installation = await startFakeFacebookAudiences({ token: 'installation-token', version: VERSION, audienceIds: [AUDIENCE_ID] });
  own = await startFakeFacebookAudiences({ token: 'shop-token', version: VERSION, audienceIds: [AUDIENCE_ID] });
  env = {
    BRAID_SECRETS_KEY: KEY.toString('base64'),
    BRAID_SECRETS_KEY_ID: 'k2',
    BRAID_TRACKING: 'off',
    FACEBOOK_ADS_ACCESS_TOKEN: 'installation-token',
    FACEBOOK_AUDIENCES: JSON.stringify({ [AUDIENCE]: AUDIENCE_ID }),
    FACEBOOK_GRAPH_VERSION: VERSION,
    FACEBOOK_GRAPH_BASE_URL: installation.url,
  };
});
afterAll(async () => {
  await installation?.close();
  await own?.close();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A shop with one customer (email and phone, so Meta has something to match). */
async function shop(workspaceId: string): Promise<string> {
  const customerId = `lan-${workspaceId}`;
  await db.db.insert(workspaces).values({ id: workspaceId, name: `Shop ${workspaceId}`, createdAt: now });
  await db.db.insert(customers).values({ id: customerId, workspaceId, traits: { firstName: 'Lan', email: `lan@${workspaceId}.vn` }, createdAt: now, updatedAt: now });
  await db.db.insert(customerIdentities).values({ workspaceId, type: 'phone', value: '+84901234567', customerId });
  return customerId;
}

const facebookConfig = () => ({ adAccountId: 'act_1029384756', audiences: { [AUDIENCE]: AUDIENCE_ID }, graphVersion: VERSION, baseUrl: own.url });

const step = (workspaceId: string, customerId: string): StepRequest => ({
  enrollment: { workspaceId, journeyId: 'j-retarget', versionId: 'v1', version: 1, customerId, enrollmentId: `e-${customerId}` },
  workflowId: `journey:j-retarget:customer:${customerId}`,
  stepId: 'retarget',
  nodeId: 'retarget',
  kindName: 'ad-audience',
  channel: null,
  config: { platforms: ['facebook'], audience: AUDIENCE, operation: 'add', onFailure: 'continue' } as unknown as StepRequest['config'],
  visit: 1,
  entryEvent: null,
  variables: {},
});

/** The worker's activities as main.ts wires them from the environment. */
const workerActivities = async () => createActivities({ db: db.db, channels: channelsFromEnv(db.db, env), audiences: audiencesFromEnv(db.db, env), implementations: await defaultImplementations() });

async function expectInvalidAccount(workspaceId: string, customerId: string, why: RegExp) {
  const before = { installation: installation.requests.length, own: own.requests.length };
  const activities = await workerActivities();
  const failure = await activities.runAction(step(workspaceId, customerId)).then(
    () => null,
    (error: unknown) => error as { message: string; nonRetryable: boolean },
  );
  expect(failure, 'the audience step must fail').not.toBeNull();
  expect(failure!.nonRetryable).toBe(true);
  expect(failure!.message).toMatch(/^AUDIENCE_ACCOUNT_INVALID: the workspace's facebook audience account cannot be used: /);
  expect(failure!.message).toMatch(why);
  // No fallback: neither the installation's ad account nor the workspace's was called.
  expect(installation.requests.length).toBe(before.installation);
  expect(own.requests.length).toBe(before.own);
  const [failed] = await db.db.select().from(stepLog).where(and(eq(stepLog.customerId, customerId), eq(stepLog.outcome, 'failed')));
  expect(failed).toMatchObject({ nodeId: 'retarget' });
  expect(failed!.reason).toContain('AUDIENCE_ACCOUNT_INVALID');
  expect(await db.db.select().from(audienceMembers).where(eq(audienceMembers.customerId, customerId))).toEqual([]);
}

describe("a workspace's Facebook audience account the worker cannot use", () => {
  it('sealed with a key the worker does not hold (rotated away): AUDIENCE_ACCOUNT_INVALID, nothing sent anywhere', async () => {
    const customerId = await shop('ws-old-key');
    await saveAccount(db.db, keyringOf(randomBytes(32), 'k1'), { workspaceId: 'ws-old-key', kind: 'facebook_audience', config: facebookConfig(), secrets: { accessToken: 'shop-token' }, now });
    await expectInvalidAccount('ws-old-key', customerId, /sealed with key "k1", which is not configured/);
  });

  it('sealed text altered in the database: AUDIENCE_ACCOUNT_INVALID, nothing sent anywhere', async () => {
    const customerId = await shop('ws-altered');
    await saveAccount(db.db, keyringOf(KEY, 'k2'), { workspaceId: 'ws-altered', kind: 'facebook_audience', config: facebookConfig(), secrets: { accessToken: 'shop-token' }, now });
    const [row] = await db.db.select({ secrets: channelAccounts.secrets }).from(channelAccounts).where(eq(channelAccounts.workspaceId, 'ws-altered'));
    const parts = row!.secrets.split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 0xff;
    parts[4] = ct.toString('base64url');
    await db.db.update(channelAccounts).set({ secrets: parts.join('.') }).where(eq(channelAccounts.workspaceId, 'ws-altered'));
    await expectInvalidAccount('ws-altered', customerId, /do not open with key "k2"/);
  });

  it('secrets stored in a shape this version does not read: AUDIENCE_ACCOUNT_INVALID', async () => {
    const customerId = await shop('ws-garbled');
    await db.db.insert(channelAccounts).values({ workspaceId: 'ws-garbled', kind: 'facebook_audience', config: facebookConfig(), secrets: '{"accessToken":"shop-token"}', keyId: 'k2', updatedAt: now });
    await expectInvalidAccount('ws-garbled', customerId, /not in a format this version reads/);
  });

  it('opens, but holds no access token (malformed account): AUDIENCE_ACCOUNT_INVALID naming the field', async () => {
    const customerId = await shop('ws-no-token');
    await saveAccount(db.db, keyringOf(KEY, 'k2'), { workspaceId: 'ws-no-token', kind: 'facebook_audience', config: facebookConfig(), secrets: {}, now });
    await expectInvalidAccount('ws-no-token', customerId, /accessToken is required/);
  });

  it('the same wiring reaches the accounts that work: a usable workspace account, and the installation for a workspace without one', async () => {
    const mine = await shop('ws-good');
    await saveAccount(db.db, keyringOf(KEY, 'k2'), { workspaceId: 'ws-good', kind: 'facebook_audience', config: facebookConfig(), secrets: { accessToken: 'shop-token' }, now });
    const activities = await workerActivities();
    expect(await activities.runAction(step('ws-good', mine))).toMatchObject({ ok: true });
    expect(own.requests.at(-1)).toMatchObject({ method: 'POST', path: `/${VERSION}/${AUDIENCE_ID}/users` });
    expect(own.requests.at(-1)!.query.get('access_token')).toBe('shop-token');

    const single = await shop('ws-none');
    const before = installation.requests.length;
    expect(await activities.runAction(step('ws-none', single))).toMatchObject({ ok: true });
    expect(installation.requests.length).toBe(before + 1);
    expect(installation.requests.at(-1)!.query.get('access_token')).toBe('installation-token');
  });
});
