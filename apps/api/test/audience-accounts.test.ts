// Facebook Custom Audiences and Google Customer Match accounts per workspace, over real HTTP on a
// real libSQL file: saved sealed and shown masked, "check connection" reads the provider's own
// endpoint (local fakes on 127.0.0.1 that check tokens like Meta and Google do), bad input names
// the field, and a journey's audience step goes to the workspace's account before the environment's.
import { randomBytes } from 'node:crypto';
import { createAudiences, createFacebookAudienceAdapter, keyringOf, workspaceAudienceAdapters } from '@braid/channels';
import { workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFacebookAudiences, startFakeGoogleAds, type FakeFacebookAudiences, type FakeGoogleAds } from '../../../packages/channels/test/fakes/fake-audiences';
import { createWorkspace } from '../src/workspace-setup';
import { startTestApi, type TestApi, adminJson, setEnv } from './helpers';

const KEY = randomBytes(32);
const VERSION = 'v21.0';
const FB_TOKEN = 'EAAG-hoaban-system-user-token-5c1d';
const AD_ACCOUNT = '1029384756';
const AUDIENCE_ID = '23851234567890';
const GOOGLE = { developerToken: 'dev-token-hoaban-42', customerId: '1234567890', clientId: 'braid-client.apps.googleusercontent.com', clientSecret: 'GOCSPX-hoaban-secret', refreshToken: '1//hoaban-refresh-token' };
const USER_LIST = '7788990011';

let api: TestApi;
let shop = '';
let facebook: FakeFacebookAudiences;
let installationFacebook: FakeFacebookAudiences;
let google: FakeGoogleAds;
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  restoreEnv = setEnv({ BRAID_SECRETS_KEY: KEY.toString('base64'), BRAID_SECRETS_KEY_ID: 'ads1' });
  facebook = await startFakeFacebookAudiences({ token: FB_TOKEN, version: VERSION, audienceIds: [AUDIENCE_ID], adAccountId: AD_ACCOUNT });
  installationFacebook = await startFakeFacebookAudiences({ token: 'installation-token', version: VERSION, audienceIds: [AUDIENCE_ID] });
  google = await startFakeGoogleAds({ developerToken: GOOGLE.developerToken, customerId: GOOGLE.customerId, userListIds: [USER_LIST], oauth: { clientId: GOOGLE.clientId, clientSecret: GOOGLE.clientSecret, refreshToken: GOOGLE.refreshToken } });
  api = await startTestApi();
  shop = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
});
afterAll(async () => {
  await api?.stop();
  await Promise.all([facebook?.close(), installationFacebook?.close(), google?.close()]);
  restoreEnv();
});

const call = adminJson(() => api);
const fields = (r: { body: { error: { details: { field: string }[] } } }) => r.body.error.details.map((d) => d.field);
const facebookBody = (accessToken?: string) => ({ config: { adAccountId: `act_${AD_ACCOUNT}`, audiences: { 'Giỏ hàng chưa thanh toán': AUDIENCE_ID }, graphVersion: VERSION, baseUrl: facebook.url }, ...(accessToken ? { secrets: { accessToken } } : {}) });

describe('a Facebook Custom Audience account', () => {
  it('is saved sealed and shown masked, and check connection reads the ad account’s audiences with the token', async () => {
    const saved = await call('/channel-accounts/facebook_audience', { method: 'PUT', body: facebookBody(FB_TOKEN) });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'facebook_audience', config: { adAccountId: `act_${AD_ACCOUNT}` }, secrets: { accessToken: { set: true, hint: '••••5c1d' }, appSecret: { set: false, hint: '' } } });
    const listed = await call('/channel-accounts');
    expect(listed.text).not.toContain(FB_TOKEN);

    const check = await call('/channel-accounts/facebook_audience/check', { method: 'POST' });
    expect(check.body).toEqual({ ok: true, message: `signed in to ad account ${AD_ACCOUNT}: 1 Custom Audience(s) visible` });
    const read = facebook.requests.at(-1)!;
    expect(read).toMatchObject({ method: 'GET', path: `/${VERSION}/act_${AD_ACCOUNT}/customaudiences` });
    expect(read.query.get('access_token')).toBe(FB_TOKEN);
    expect((await call('/channel-accounts')).body.accounts.find((a: { kind: string }) => a.kind === 'facebook_audience').checkResult).toEqual(check.body);
  });

  it('says plainly when the token is wrong or a mapped audience is not in the ad account', async () => {
    expect((await call('/channel-accounts/facebook_audience', { method: 'PUT', body: facebookBody('expired-token') })).status).toBe(200);
    expect((await call('/channel-accounts/facebook_audience/check', { method: 'POST' })).body).toEqual({ ok: false, message: 'Facebook answered 400: Invalid OAuth access token.' });

    const other = { ...facebookBody(FB_TOKEN), config: { ...facebookBody().config, audiences: { 'Khách VIP': '999' } } };
    expect((await call('/channel-accounts/facebook_audience', { method: 'PUT', body: other })).status).toBe(200);
    expect((await call('/channel-accounts/facebook_audience/check', { method: 'POST' })).body).toEqual({ ok: false, message: `the token works, but ad account ${AD_ACCOUNT} has no Custom Audience 999 ("Khách VIP")` });
    // Put back the good account (the token left out keeps the saved one).
    expect((await call('/channel-accounts/facebook_audience', { method: 'PUT', body: facebookBody() })).status).toBe(200);
    expect((await call('/channel-accounts/facebook_audience/check', { method: 'POST' })).body.ok).toBe(true);
  });

  it('refuses bad input naming the field, and sends no test message', async () => {
    const badId = await call('/channel-accounts/facebook_audience', { method: 'PUT', body: { config: { adAccountId: 'my shop', audiences: { a: 'x1' } }, secrets: { accessToken: 't' } } });
    expect(badId.status).toBe(400);
    expect(fields(badId).sort()).toEqual(['config.adAccountId', 'config.audiences.a']);
    await call('/channel-accounts/facebook_audience', { method: 'DELETE' });
    const tokenless = await call('/channel-accounts/facebook_audience', { method: 'PUT', body: facebookBody() });
    expect(tokenless.status).toBe(400);
    expect(fields(tokenless)).toEqual(['secrets.accessToken']);
    expect((await call('/channel-accounts/facebook_audience', { method: 'PUT', body: facebookBody(FB_TOKEN) })).status).toBe(200);
    const test = await call('/channel-accounts/facebook_audience/test', { method: 'POST', body: { to: 'x' } });
    expect(test.status).toBe(400);
    expect(fields(test)).toEqual(['kind']);
  });
});

describe('a Google Customer Match account', () => {
  const body = (refreshToken: string) => ({
    config: { customerId: '123-456-7890', clientId: GOOGLE.clientId, userLists: { 'Khách mua lại': USER_LIST }, tokenUrl: `${google.url}/token`, baseUrl: google.url },
    secrets: { developerToken: GOOGLE.developerToken, clientSecret: GOOGLE.clientSecret, refreshToken },
  });

  it('is saved masked; check connection exchanges the refresh token and searches the user lists; a bad token says so', async () => {
    const saved = await call('/channel-accounts/google_audience', { method: 'PUT', body: body(GOOGLE.refreshToken) });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.secrets).toMatchObject({ developerToken: { set: true }, refreshToken: { set: true }, clientSecret: { set: true }, accessToken: { set: false } });
    const listed = (await call('/channel-accounts')).text;
    for (const s of [GOOGLE.developerToken, GOOGLE.clientSecret, GOOGLE.refreshToken]) expect(listed).not.toContain(s);

    expect((await call('/channel-accounts/google_audience/check', { method: 'POST' })).body).toEqual({ ok: true, message: `signed in to Google Ads customer ${GOOGLE.customerId}: 1 user list(s) visible` });
    const search = google.requests.at(-1)!;
    expect(search).toMatchObject({ method: 'POST', path: `/v21/customers/${GOOGLE.customerId}/googleAds:search`, headers: { 'developer-token': GOOGLE.developerToken, authorization: expect.stringMatching(/^Bearer ya29\.fake-/) } });

    expect((await call('/channel-accounts/google_audience', { method: 'PUT', body: body('1//revoked') })).status).toBe(200);
    expect((await call('/channel-accounts/google_audience/check', { method: 'POST' })).body).toEqual({ ok: false, message: 'Google refused the refresh token (HTTP 400): invalid_grant' });
  });

  it('refuses a malformed customer id and an account with no way to sign in, naming the field', async () => {
    const badCid = await call('/channel-accounts/google_audience', { method: 'PUT', body: { config: { customerId: '12345' }, secrets: { developerToken: 'd', accessToken: 'a' } } });
    expect(badCid.status).toBe(400);
    expect(fields(badCid)).toEqual(['config.customerId']);
    await call('/channel-accounts/google_audience', { method: 'DELETE' });
    const noAuth = await call('/channel-accounts/google_audience', { method: 'PUT', body: { config: { customerId: GOOGLE.customerId }, secrets: { developerToken: 'd' } } });
    expect(noAuth.status).toBe(400);
    expect(fields(noAuth)).toEqual(['secrets.refreshToken']);
  });
});

describe("a journey's audience step", () => {
  it("goes to the workspace's own Facebook account before the environment's; a workspace without one uses the environment's", async () => {
    const installation = createFacebookAudienceAdapter({ accessToken: 'installation-token', graphVersion: VERSION, baseUrl: installationFacebook.url, audiences: { 'Giỏ hàng chưa thanh toán': AUDIENCE_ID }, timeoutMs: 5_000 });
    const audiences = createAudiences({ db: api.db.db, adapters: { facebook: installation }, workspaceAdapter: workspaceAudienceAdapters({ db: api.db.db, keyring: keyringOf(KEY, 'ads1') }) });
    const lan = { customerId: 'lan', emails: ['lan@hoaban.vn'], phones: ['0901234567'] };
    const own = await audiences.change('facebook', 'add', { workspaceId: shop, name: 'Giỏ hàng chưa thanh toán', idempotencyKey: 'wf-1:retarget:1:facebook' }, [lan]);
    expect(own).toMatchObject({ status: 'done', sent: 1 });
    expect(facebook.members.get(AUDIENCE_ID)!.size).toBe(1);
    expect(installationFacebook.members.get(AUDIENCE_ID)!.size).toBe(0);

    await createWorkspace(api.db.db, { id: 'ws_single', name: 'Cửa hàng một mình' });
    const fallback = await audiences.change('facebook', 'add', { workspaceId: 'ws_single', name: 'Giỏ hàng chưa thanh toán', idempotencyKey: 'wf-2:retarget:1:facebook' }, [lan]);
    expect(fallback).toMatchObject({ status: 'done', sent: 1 });
    expect(installationFacebook.members.get(AUDIENCE_ID)!.size).toBe(1);
  });
});
