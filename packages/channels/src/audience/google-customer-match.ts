// Google / YouTube Customer Match through the Google Ads API OfflineUserDataJobService (REST):
// https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
// https://developers.google.com/google-ads/api/rest/reference/rest/latest/customers.offlineUserDataJobs
//   1. POST {base}/{version}/customers/{cid}/offlineUserDataJobs:create
//      { job: { type: "CUSTOMER_MATCH_USER_LIST", customerMatchUserListMetadata: { userList, consent } } }
//      → { resourceName: "customers/{cid}/offlineUserDataJobs/{id}" }
//   2. POST {base}/{version}/{resourceName}:addOperations
//      { enablePartialFailure: true, operations: [{ create | remove: { userIdentifiers: [{ hashedEmail }, { hashedPhoneNumber }] } }] }
//   3. POST {base}/{version}/{resourceName}:run  → a long-running operation (Google matches within hours)
// Headers: Authorization: Bearer <OAuth token>, developer-token, login-customer-id (via a manager).
import { isFailure, joinUrl, providerRequest, type ProviderFailure, type ProviderResponse } from '../http/provider-request';
import { firstNormalised, googleEmail, googlePhone, sha256Hex } from './normalise';
import { unknownAudienceMessage, type AudienceMapSource } from './unknown-audience';
import { audienceFailed, type AudienceAdapter, type AudienceContext, type AudienceCustomer, type AudienceRef, type AudienceResult } from './types';

export type GoogleCustomerMatchSettings = {
  developerToken: string;
  /** The Google Ads account (digits, no dashes) owning the user lists. */
  customerId: string;
  /** Manager account the credentials reach it through. */
  loginCustomerId?: string;
  /** OAuth: a fixed access token, or a refresh token exchanged at tokenUrl. */
  accessToken?: string;
  oauth?: { clientId: string; clientSecret: string; refreshToken: string; tokenUrl: string };
  apiVersion: string;
  baseUrl: string;
  /** Marketer's audience name → user list id. A numeric name is used as the id itself. */
  userLists: Record<string, string>;
  /** Where the marketer maintains that map, so an unknown name says where to add it (default: the environment). */
  mappedIn?: AudienceMapSource;
  timeoutMs: number;
};

/** Google's documented limit per addOperations request. */
const OPERATIONS_PER_REQUEST = 10_000;
const RETRYABLE_STATUS = new Set(['RESOURCE_EXHAUSTED', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'ABORTED']);

type GoogleError = { error?: { code?: number; message?: string; status?: string } };

/** userIdentifiers per customer: one identifier per object, as the API requires. */
export function googleUserData(customers: AudienceCustomer[]): { users: { userIdentifiers: Record<string, string>[] }[]; skipped: number } {
  const users: { userIdentifiers: Record<string, string>[] }[] = [];
  let skipped = 0;
  for (const c of customers) {
    const ids: Record<string, string>[] = [];
    const email = firstNormalised(c.emails, googleEmail);
    const phone = firstNormalised(c.phones, googlePhone);
    if (email) ids.push({ hashedEmail: sha256Hex(email) });
    if (phone) ids.push({ hashedPhoneNumber: sha256Hex(phone) });
    if (ids.length === 0) skipped++;
    else users.push({ userIdentifiers: ids });
  }
  return { users, skipped };
}

export function createGoogleCustomerMatchAdapter(settings: GoogleCustomerMatchSettings): AudienceAdapter {
  if (!settings.accessToken && !settings.oauth) throw new Error('Google Customer Match needs GOOGLE_ADS_ACCESS_TOKEN or GOOGLE_ADS_CLIENT_ID/SECRET/REFRESH_TOKEN');
  const api = (path: string) => joinUrl(settings.baseUrl, `/${settings.apiVersion}/${path}`);
  let cached: { token: string; until: number } | null = null;

  async function token(ctx?: AudienceContext): Promise<string | AudienceResult> {
    if (settings.accessToken) return settings.accessToken;
    const now = Date.now();
    if (cached && cached.until > now) return cached.token;
    const o = settings.oauth!;
    const res = await providerRequest({
      url: o.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: o.clientId, client_secret: o.clientSecret, refresh_token: o.refreshToken }).toString(),
      timeoutMs: settings.timeoutMs,
      signal: ctx?.signal,
    });
    if (isFailure(res)) return audienceFailed(`GOOGLE_ADS_${res.kind.toUpperCase()}`, res.message, true);
    const body = res.json as { access_token?: string; expires_in?: number } | undefined;
    if (res.status !== 200 || !body?.access_token) return audienceFailed('GOOGLE_ADS_AUTH_FAILED', `Google refused the refresh token (HTTP ${res.status}): ${res.snippet}`, res.status >= 500);
    cached = { token: body.access_token, until: now + Math.max(60, (body.expires_in ?? 3600) - 60) * 1000 };
    return cached.token;
  }

  function problem(res: ProviderResponse | ProviderFailure, step: string): AudienceResult | null {
    if (isFailure(res)) return audienceFailed(`GOOGLE_ADS_${res.kind.toUpperCase()}`, `${step}: ${res.message}`, true);
    if (res.status === 200) return null;
    const e = (res.json as GoogleError | undefined)?.error;
    const detail = `${step}: HTTP ${res.status}${e?.status ? ` ${e.status}` : ''}${e?.message ? `: ${e.message}` : ''}`;
    if (res.status === 401 || e?.status === 'UNAUTHENTICATED') return audienceFailed('GOOGLE_ADS_AUTH_FAILED', detail, false);
    const retryable = res.status === 429 || res.status >= 500 || RETRYABLE_STATUS.has(e?.status ?? '') || /CONCURRENT_MODIFICATION/.test(res.snippet);
    return audienceFailed(retryable ? 'GOOGLE_ADS_UNAVAILABLE' : 'GOOGLE_ADS_REJECTED', detail, retryable);
  }

  async function change(operation: 'create' | 'remove', audience: AudienceRef, customers: AudienceCustomer[], ctx?: AudienceContext): Promise<AudienceResult> {
    const listId = settings.userLists[audience.name] ?? (/^\d+$/.test(audience.name) ? audience.name : undefined);
    if (!listId) return audienceFailed('GOOGLE_AUDIENCE_UNKNOWN', unknownAudienceMessage('google', audience.name, settings.mappedIn ?? 'environment'), false);
    const { users, skipped } = googleUserData(customers);
    if (users.length === 0) return { status: 'done', sent: 0, skipped };
    const bearer = await token(ctx);
    if (typeof bearer !== 'string') return bearer;
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, 'developer-token': settings.developerToken };
    if (settings.loginCustomerId) headers['login-customer-id'] = settings.loginCustomerId;
    const call = (path: string, body: Record<string, unknown>) => providerRequest({ url: api(path), headers, body, timeoutMs: settings.timeoutMs, signal: ctx?.signal });

    const created = await call(`customers/${settings.customerId}/offlineUserDataJobs:create`, {
      job: {
        type: 'CUSTOMER_MATCH_USER_LIST',
        customerMatchUserListMetadata: {
          userList: `customers/${settings.customerId}/userLists/${listId}`,
          // Customers who gave their data to the shop for marketing; EEA users need real consent signals.
          consent: { adUserData: 'GRANTED', adPersonalization: 'GRANTED' },
        },
      },
    });
    const createProblem = problem(created, 'creating the job');
    if (createProblem) return createProblem;
    const job = ((created as ProviderResponse).json as { resourceName?: string } | undefined)?.resourceName;
    if (!job) return audienceFailed('GOOGLE_ADS_REJECTED', 'creating the job: no resourceName in the answer', true);
    for (let i = 0; i < users.length; i += OPERATIONS_PER_REQUEST) {
      const added = await call(`${job}:addOperations`, {
        enablePartialFailure: true,
        operations: users.slice(i, i + OPERATIONS_PER_REQUEST).map((u) => ({ [operation]: u })),
      });
      const addProblem = problem(added, 'adding operations');
      if (addProblem) return addProblem;
    }
    const ran = await call(`${job}:run`, {});
    const runProblem = problem(ran, 'running the job');
    if (runProblem) return runProblem;
    return { status: 'done', sent: users.length, skipped, providerRef: job };
  }

  return {
    platform: 'google',
    name: 'google-customer-match',
    add: (audience, customers, ctx) => change('create', audience, customers, ctx),
    remove: (audience, customers, ctx) => change('remove', audience, customers, ctx),
  };
}
