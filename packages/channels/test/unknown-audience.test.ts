// An audience step whose audience name has no platform id says where the mapping is added: the
// environment variable for the installation's ad accounts, the settings screen (never a variable
// the marketer cannot set) for a workspace's own account. Adapters are built the way the worker
// builds them (from the environment, from a saved account); the fakes record that nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceAdapterForAccount, audienceAdaptersFromEnv, type AudienceAdapter, type AudienceCustomer } from '../src/index';
import { startFakeFacebookAudiences, startFakeGoogleAds, type FakeFacebookAudiences, type FakeGoogleAds } from './fakes/fake-audiences';

const lan: AudienceCustomer = { customerId: 'lan', emails: ['lan@hoaban.vn'], phones: ['0901234567'] };
const oauth = { clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rtoken' };
const mapped = { 'Quảng cáo 99k': '23851234567890' };
const unmapped = { workspaceId: 'ws', name: 'Khách VIP Tết' };
/** Any SCREAMING_SNAKE name, like FACEBOOK_AUDIENCES or GOOGLE_ADS_USER_LISTS. */
const ENV_NAME = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

let fb: FakeFacebookAudiences;
let google: FakeGoogleAds;
beforeAll(async () => {
  fb = await startFakeFacebookAudiences({ token: 'fb-token', version: 'v23.0', audienceIds: ['23851234567890'] });
  google = await startFakeGoogleAds({ developerToken: 'dev-token', customerId: '1234567890', userListIds: ['777'], oauth });
});
afterAll(async () => {
  await fb?.close();
  await google?.close();
});

const fromEnv = () =>
  audienceAdaptersFromEnv({
    FACEBOOK_ADS_ACCESS_TOKEN: 'fb-token', FACEBOOK_AUDIENCES: JSON.stringify(mapped), FACEBOOK_GRAPH_VERSION: 'v23.0', FACEBOOK_GRAPH_BASE_URL: fb.url,
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token', GOOGLE_ADS_CUSTOMER_ID: '123-456-7890', GOOGLE_ADS_CLIENT_ID: oauth.clientId, GOOGLE_ADS_CLIENT_SECRET: oauth.clientSecret,
    GOOGLE_ADS_REFRESH_TOKEN: oauth.refreshToken, GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`, GOOGLE_ADS_BASE_URL: google.url, GOOGLE_ADS_USER_LISTS: JSON.stringify({ 'Nhận biết – Tây Bắc': '777' }),
  });
const workspaceFacebook = () => audienceAdapterForAccount('facebook_audience', { adAccountId: 'act_1029384756', audiences: mapped, graphVersion: 'v23.0', baseUrl: fb.url }, { accessToken: 'fb-token' });
const workspaceGoogle = () =>
  audienceAdapterForAccount(
    'google_audience',
    { customerId: '123-456-7890', clientId: oauth.clientId, userLists: { 'Nhận biết – Tây Bắc': '777' }, tokenUrl: `${google.url}/token`, baseUrl: google.url },
    { developerToken: 'dev-token', clientSecret: oauth.clientSecret, refreshToken: oauth.refreshToken },
  );

async function unknownMessage(adapter: AudienceAdapter | undefined, requests: unknown[]): Promise<string> {
  const before = requests.length;
  const result = await adapter!.add(unmapped, [lan]);
  expect(requests.length).toBe(before);
  expect(result).toMatchObject({ status: 'failed', retryable: false });
  return result.status === 'failed' ? `${result.error.code}: ${result.error.message}` : '';
}

describe('an audience name with no platform id', () => {
  it("Facebook, the installation's account: names the environment variable", async () => {
    const message = await unknownMessage(fromEnv().facebook, fb.requests);
    expect(message).toBe('FACEBOOK_AUDIENCE_UNKNOWN: no Custom Audience id for "Khách VIP Tết": add it to FACEBOOK_AUDIENCES');
  });

  it("Facebook, the workspace's account: sends the marketer to settings → channels, and names no variable", async () => {
    const message = await unknownMessage(workspaceFacebook(), fb.requests);
    expect(message).toMatch(/^FACEBOOK_AUDIENCE_UNKNOWN: /);
    const text = message.slice('FACEBOOK_AUDIENCE_UNKNOWN: '.length);
    expect(text).toContain('"Khách VIP Tết"');
    expect(text).toContain('Cài đặt → Kênh gửi → Tệp quảng cáo Facebook / Instagram');
    expect(text).toContain('Settings → Channels → Facebook / Instagram ad audiences');
    expect(text).not.toMatch(ENV_NAME);
  });

  it("Google, the installation's account: names the environment variable", async () => {
    const message = await unknownMessage(fromEnv().google, google.requests);
    expect(message).toBe('GOOGLE_AUDIENCE_UNKNOWN: no Customer Match user list for "Khách VIP Tết": add it to GOOGLE_ADS_USER_LISTS');
  });

  it("Google, the workspace's account: sends the marketer to settings → channels, and names no variable", async () => {
    const message = await unknownMessage(workspaceGoogle(), google.requests);
    const text = message.replace(/^GOOGLE_AUDIENCE_UNKNOWN: /, '');
    expect(text).not.toBe(message);
    expect(text).toContain('"Khách VIP Tết"');
    expect(text).toContain('Cài đặt → Kênh gửi → Google Ads Customer Match');
    expect(text).toContain('Settings → Channels → Google Ads Customer Match');
    expect(text).not.toMatch(ENV_NAME);
  });

  it("a mapped name still reaches the platform through the workspace's account", async () => {
    expect(await workspaceFacebook().add({ workspaceId: 'ws', name: 'Quảng cáo 99k' }, [lan])).toMatchObject({ status: 'done', sent: 1 });
    expect(fb.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v23.0/23851234567890/users' });
    expect(await workspaceGoogle().add({ workspaceId: 'ws', name: 'Nhận biết – Tây Bắc' }, [lan])).toMatchObject({ status: 'done', sent: 1 });
    expect(google.lists.get('777')!.size).toBe(1);
  });
});
