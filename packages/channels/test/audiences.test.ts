import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, audienceMembers, createDb, customerIdentities, customers, eq, migrate, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  audienceAdaptersFromEnv,
  createAudiences,
  createFacebookAudienceAdapter,
  createGoogleCustomerMatchAdapter,
  loadAudienceCustomers,
  sha256Hex,
  type AudienceCustomer,
} from '../src/index';
import { startFakeFacebookAudiences, startFakeGoogleAds, type FakeFacebookAudiences, type FakeGoogleAds } from './fakes/fake-audiences';

const toan: AudienceCustomer = { customerId: 'toan', emails: ['  Toan.Nguyen@Example.VN '], phones: ['0909 908 089'] };
const toan2: AudienceCustomer = { customerId: 'toan2', emails: [], phones: ['+84 912 345 678'] };
const anonymous: AudienceCustomer = { customerId: 'anon', emails: ['not-an-email'], phones: ['123'] };
const audience = { workspaceId: 'ws', name: 'Cart abandoners – 99k offer', idempotencyKey: 'journey:j1:customer:toan/audience/1:facebook' };

let fb: FakeFacebookAudiences;
let google: FakeGoogleAds;
let dir: string;
let braid: BraidDb;
const oauth = { clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rtoken' };
beforeAll(async () => {
  fb = await startFakeFacebookAudiences({ token: 'fb-ads-token', version: 'v23.0', audienceIds: ['23851234567890'] });
  google = await startFakeGoogleAds({ developerToken: 'dev-token', customerId: '1234567890', userListIds: ['777'], oauth });
  dir = mkdtempSync(join(tmpdir(), 'braid-audiences-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
});
afterAll(async () => {
  await fb.close();
  await google.close();
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});

const facebook = () =>
  createFacebookAudienceAdapter({ accessToken: 'fb-ads-token', graphVersion: 'v23.0', baseUrl: fb.url, audiences: { 'Cart abandoners – 99k offer': '23851234567890' }, timeoutMs: 5_000 });
const googleAdapter = (over = {}) =>
  createGoogleCustomerMatchAdapter({
    developerToken: 'dev-token', customerId: '1234567890', oauth: { ...oauth, tokenUrl: `${google.url}/token` }, apiVersion: 'v21', baseUrl: google.url,
    userLists: { 'Awareness – Northwest charity': '777' }, timeoutMs: 5_000, ...over,
  });

describe('Facebook Custom Audiences', () => {
  it('adds hashed, normalised EMAIL + PHONE rows per Meta rules, skips customers with nothing to match, removes with DELETE', async () => {
    const added = await facebook().add(audience, [toan, toan2, anonymous]);
    expect(added).toMatchObject({ status: 'done', sent: 2, skipped: 1 });
    const members = fb.members.get('23851234567890')!;
    expect([...members].sort()).toEqual([`${sha256Hex('toan.nguyen@example.vn')}|${sha256Hex('84909908089')}`, `|${sha256Hex('84912345678')}`].sort());
    const body = fb.requests.at(-1)!.json as { payload: { schema: string[] }; session: { batch_seq: number; last_batch_flag: boolean } };
    expect(body.payload.schema).toEqual(['EMAIL', 'PHONE']);
    expect(body.session).toMatchObject({ batch_seq: 1, last_batch_flag: true });
    expect(await facebook().remove(audience, [toan])).toMatchObject({ status: 'done', sent: 1 });
    expect(fb.requests.at(-1)!.method).toBe('DELETE');
    expect(members.size).toBe(1);
  });

  it('splits into sessions of batches and classifies errors; an unmapped audience is a clear permanent failure', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ customerId: `c${i}`, emails: [`c${i}@hoaban.vn`], phones: [] }));
    fb.requests.length = 0;
    const batched = createFacebookAudienceAdapter({ accessToken: 'fb-ads-token', graphVersion: 'v23.0', baseUrl: fb.url, audiences: {}, timeoutMs: 5_000, batchSize: 2 });
    expect(await batched.add({ workspaceId: 'ws', name: '23851234567890' }, many)).toMatchObject({ status: 'done', sent: 5 });
    expect(fb.requests.map((r) => (r.json as { session: { batch_seq: number; last_batch_flag: boolean } }).session)).toMatchObject([
      { batch_seq: 1, last_batch_flag: false }, { batch_seq: 2, last_batch_flag: false }, { batch_seq: 3, last_batch_flag: true },
    ]);
    fb.control.failNext = { status: 400, error: { message: 'User request limit reached', code: 17 } };
    expect(await facebook().add(audience, [toan])).toMatchObject({ status: 'failed', retryable: true });
    expect(await facebook().add({ ...audience, name: 'Nobody mapped this' }, [toan])).toMatchObject({ status: 'failed', retryable: false, error: { code: 'FACEBOOK_AUDIENCE_UNKNOWN' } });
    const wrongToken = createFacebookAudienceAdapter({ accessToken: 'old', graphVersion: 'v23.0', baseUrl: fb.url, audiences: {}, timeoutMs: 5_000 });
    expect(await wrongToken.add({ workspaceId: 'ws', name: '23851234567890' }, [toan])).toMatchObject({ retryable: false, error: { code: 'FACEBOOK_AUTH_FAILED' } });
  });
});

describe('Google Customer Match', () => {
  const awareness = { workspaceId: 'ws', name: 'Awareness – Northwest charity' };
  it('creates an offline user data job, adds hashed identifiers (E.164 phone, gmail dots removed), runs it', async () => {
    const gmail: AudienceCustomer = { customerId: 'toan3', emails: ['Toan.Nguyen@Gmail.com'], phones: [] };
    expect(await googleAdapter().add(awareness, [toan, gmail, anonymous])).toMatchObject({ status: 'done', sent: 2, skipped: 1, providerRef: expect.stringMatching(/offlineUserDataJobs/) });
    expect([...google.lists.get('777')!].sort()).toEqual([`${sha256Hex('toan.nguyen@example.vn')}|${sha256Hex('+84909908089')}`, sha256Hex('toannguyen@gmail.com')].sort());
    expect(google.requests.map((r) => r.path.replace(/\d+/g, 'N'))).toEqual(['/token', '/vN/customers/N/offlineUserDataJobs:create', '/vN/customers/N/offlineUserDataJobs/N:addOperations', '/vN/customers/N/offlineUserDataJobs/N:run']);
    expect(await googleAdapter().remove(awareness, [gmail])).toMatchObject({ status: 'done' });
    // Each adapter exchanged its refresh token once; the token is cached for later calls.
    expect(google.stats.tokensIssued).toBe(2);
    expect(google.lists.get('777')!.size).toBe(1);
  });

  it('refuses bad credentials permanently and names unmapped lists', async () => {
    expect(await googleAdapter({ oauth: { ...oauth, refreshToken: 'revoked', tokenUrl: `${google.url}/token` } }).add(awareness, [toan])).toMatchObject({ status: 'failed', retryable: false, error: { code: 'GOOGLE_ADS_AUTH_FAILED' } });
    expect(await googleAdapter({ developerToken: 'wrong' }).add(awareness, [toan])).toMatchObject({ status: 'failed', retryable: false, error: { code: 'GOOGLE_ADS_AUTH_FAILED' } });
    expect(await googleAdapter().add({ workspaceId: 'ws', name: 'Unknown list' }, [toan])).toMatchObject({ retryable: false, error: { code: 'GOOGLE_AUDIENCE_UNKNOWN' } });
  });
});

describe('audience registry', () => {
  it('records membership in audience_members by default (sandbox), and after a real platform accepted it', async () => {
    const audiences = createAudiences({ db: braid.db, adapters: { facebook: facebook() } });
    expect(audiences.describe()).toEqual({ facebook: 'facebook-custom-audiences', google: 'sandbox', zalo: 'sandbox' });
    await audiences.change('zalo', 'add', audience, [toan], { now: () => 1_000 });
    await audiences.change('facebook', 'add', audience, [toan], { now: () => 1_000 });
    await audiences.change('facebook', 'remove', audience, [toan], { now: () => 2_000 });
    const rows = await braid.db.select().from(audienceMembers).where(and(eq(audienceMembers.workspaceId, 'ws'), eq(audienceMembers.customerId, 'toan')));
    expect(rows.map((r) => [r.platform, r.addedAt, r.removedAt]).sort()).toEqual([['facebook', 1_000, 2_000], ['zalo', 1_000, null]]);
    // A platform refusal leaves the record untouched.
    const refused = await audiences.change('facebook', 'add', { ...audience, name: 'Nobody mapped this' }, [toan]);
    expect(refused.status).toBe('failed');
    expect(await braid.db.select().from(audienceMembers).where(eq(audienceMembers.audience, 'Nobody mapped this'))).toHaveLength(0);
  });

  it('loads emails and phones from identities and traits', async () => {
    await braid.db.insert(workspaces).values({ id: 'ws', name: 'Hoa Ban Food', createdAt: 0 } as typeof workspaces.$inferInsert).onConflictDoNothing();
    await braid.db.insert(customers).values({ id: 'toan', workspaceId: 'ws', traits: { email: 'toan@example.vn' }, createdAt: 0, updatedAt: 0 });
    await braid.db.insert(customerIdentities).values({ workspaceId: 'ws', type: 'phone', value: '+84909908089', customerId: 'toan' });
    expect(await loadAudienceCustomers(braid.db, 'ws', ['toan', 'ghost'])).toEqual([
      { customerId: 'toan', emails: ['toan@example.vn'], phones: ['+84909908089'] },
      { customerId: 'ghost', emails: [], phones: [] },
    ]);
  });

  it('env: Facebook and Google switch on with their tokens; name maps must be JSON of numeric ids', () => {
    expect(audienceAdaptersFromEnv({})).toEqual({});
    const a = audienceAdaptersFromEnv({ FACEBOOK_ADS_ACCESS_TOKEN: 't', FACEBOOK_AUDIENCES: '{"Cart":"123"}', GOOGLE_ADS_DEVELOPER_TOKEN: 'd', GOOGLE_ADS_CUSTOMER_ID: '123-456-7890', GOOGLE_ADS_ACCESS_TOKEN: 'a' });
    expect(Object.keys(a).sort()).toEqual(['facebook', 'google']);
    expect(() => audienceAdaptersFromEnv({ FACEBOOK_ADS_ACCESS_TOKEN: 't', FACEBOOK_AUDIENCES: 'Cart=123' })).toThrow(/FACEBOOK_AUDIENCES/);
    expect(() => audienceAdaptersFromEnv({ GOOGLE_ADS_DEVELOPER_TOKEN: 'd' })).toThrow(/GOOGLE_ADS_CUSTOMER_ID/);
  });
});
