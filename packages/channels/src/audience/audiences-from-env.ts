import { DEFAULT_GRAPH_VERSION, GRAPH_BASE_URL } from '../messenger/messenger-settings';
import { createFacebookAudienceAdapter } from './facebook-custom-audience';
import { createGoogleCustomerMatchAdapter } from './google-customer-match';
import type { AudienceAdapter } from './types';

function nameMap(variable: string, value: string | undefined): Record<string, string> {
  if (!value) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${variable} must be JSON like {"Cart abandoners – 99k offer": "23851234567890"}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string' && /^\d+$/.test(v))) {
    throw new Error(`${variable} must map audience names to numeric ids, e.g. {"Cart abandoners – 99k offer": "23851234567890"}`);
  }
  return parsed as Record<string, string>;
}
const timeout = (v: string | undefined) => (Number(v) > 0 ? Number(v) : 30_000);

/**
 * Real audience platforms the environment configures; pass as createAudiences({ db, adapters }).
 * Facebook: FACEBOOK_ADS_ACCESS_TOKEN, FACEBOOK_AUDIENCES (JSON name → id), FACEBOOK_APP_SECRET,
 * FACEBOOK_GRAPH_VERSION, FACEBOOK_GRAPH_BASE_URL. Google: GOOGLE_ADS_DEVELOPER_TOKEN,
 * GOOGLE_ADS_CUSTOMER_ID, GOOGLE_ADS_LOGIN_CUSTOMER_ID, GOOGLE_ADS_ACCESS_TOKEN or
 * GOOGLE_ADS_CLIENT_ID + GOOGLE_ADS_CLIENT_SECRET + GOOGLE_ADS_REFRESH_TOKEN (GOOGLE_OAUTH_TOKEN_URL),
 * GOOGLE_ADS_USER_LISTS (JSON name → id), GOOGLE_ADS_API_VERSION, GOOGLE_ADS_BASE_URL.
 * AUDIENCE_TIMEOUT_MS for both. Zalo has no public audience API: it stays recorded only.
 */
export function audienceAdaptersFromEnv(env: Record<string, string | undefined> = process.env): Record<string, AudienceAdapter> {
  const adapters: Record<string, AudienceAdapter> = {};
  if (env.FACEBOOK_ADS_ACCESS_TOKEN) {
    adapters.facebook = createFacebookAudienceAdapter({
      accessToken: env.FACEBOOK_ADS_ACCESS_TOKEN,
      ...(env.FACEBOOK_APP_SECRET ? { appSecret: env.FACEBOOK_APP_SECRET } : {}),
      graphVersion: env.FACEBOOK_GRAPH_VERSION || DEFAULT_GRAPH_VERSION,
      baseUrl: env.FACEBOOK_GRAPH_BASE_URL || GRAPH_BASE_URL,
      audiences: nameMap('FACEBOOK_AUDIENCES', env.FACEBOOK_AUDIENCES),
      timeoutMs: timeout(env.AUDIENCE_TIMEOUT_MS),
    });
  }
  if (env.GOOGLE_ADS_DEVELOPER_TOKEN) {
    if (!env.GOOGLE_ADS_CUSTOMER_ID) throw new Error('Google Customer Match needs GOOGLE_ADS_CUSTOMER_ID');
    const oauth =
      env.GOOGLE_ADS_CLIENT_ID && env.GOOGLE_ADS_CLIENT_SECRET && env.GOOGLE_ADS_REFRESH_TOKEN
        ? { clientId: env.GOOGLE_ADS_CLIENT_ID, clientSecret: env.GOOGLE_ADS_CLIENT_SECRET, refreshToken: env.GOOGLE_ADS_REFRESH_TOKEN, tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL || 'https://oauth2.googleapis.com/token' }
        : undefined;
    adapters.google = createGoogleCustomerMatchAdapter({
      developerToken: env.GOOGLE_ADS_DEVELOPER_TOKEN,
      customerId: env.GOOGLE_ADS_CUSTOMER_ID.replace(/-/g, ''),
      ...(env.GOOGLE_ADS_LOGIN_CUSTOMER_ID ? { loginCustomerId: env.GOOGLE_ADS_LOGIN_CUSTOMER_ID.replace(/-/g, '') } : {}),
      ...(env.GOOGLE_ADS_ACCESS_TOKEN ? { accessToken: env.GOOGLE_ADS_ACCESS_TOKEN } : {}),
      ...(oauth ? { oauth } : {}),
      apiVersion: env.GOOGLE_ADS_API_VERSION || 'v21',
      baseUrl: env.GOOGLE_ADS_BASE_URL || 'https://googleads.googleapis.com',
      userLists: nameMap('GOOGLE_ADS_USER_LISTS', env.GOOGLE_ADS_USER_LISTS),
      timeoutMs: timeout(env.AUDIENCE_TIMEOUT_MS),
    });
  }
  return adapters;
}
