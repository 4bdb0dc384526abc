// A workspace's own ad-audience accounts (Facebook Custom Audiences, Google Customer Match):
// turned into audience adapters for the worker, and checked with the provider's own read
// endpoint ("check connection" lists the audiences the credentials can see; nothing is changed).
import { and, channelAccounts, eq, type Db } from '@braid/db';
import { AccountConfigError, type AccountKind } from '../accounts/account-kinds';
import { loadAccount } from '../accounts/account-store';
import type { SecretKeyring } from '../accounts/secret-box';
import { isFailure, joinUrl, providerRequest } from '../http/provider-request';
import { DEFAULT_GRAPH_VERSION, GRAPH_BASE_URL } from '../messenger/messenger-settings';
import { createFacebookAudienceAdapter } from './facebook-custom-audience';
import { createGoogleCustomerMatchAdapter, type GoogleCustomerMatchSettings } from './google-customer-match';
import type { AudienceAdapter } from './types';

/** Which ad platform each audience account kind feeds. */
export const PLATFORM_OF_AUDIENCE_ACCOUNT = { facebook_audience: 'facebook', google_audience: 'google' } as const;
export type AudienceAccountKind = keyof typeof PLATFORM_OF_AUDIENCE_ACCOUNT;
export const isAudienceAccount = (kind: string): kind is AudienceAccountKind => kind in PLATFORM_OF_AUDIENCE_ACCOUNT;

const TIMEOUT_MS = 30_000;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const need = (fields: Record<string, unknown>, name: string): string => {
  const v = str(fields[name]);
  if (!v) throw new AccountConfigError(name, `${name} is required`);
  return v;
};
const digits = (v: string) => v.replace(/-/g, '');
const nameMap = (v: unknown): Record<string, string> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {});

function facebookSettings(all: Record<string, unknown>) {
  return {
    adAccountId: digits(need(all, 'adAccountId')).replace(/^act_/, ''),
    accessToken: need(all, 'accessToken'),
    ...(str(all.appSecret) ? { appSecret: str(all.appSecret) } : {}),
    graphVersion: str(all.graphVersion) ?? DEFAULT_GRAPH_VERSION,
    baseUrl: str(all.baseUrl) ?? GRAPH_BASE_URL,
    audiences: nameMap(all.audiences),
    mappedIn: 'workspace' as const,
    timeoutMs: TIMEOUT_MS,
  };
}

function googleSettings(all: Record<string, unknown>): GoogleCustomerMatchSettings {
  const oauth =
    str(all.clientId) || str(all.clientSecret) || str(all.refreshToken)
      ? { clientId: need(all, 'clientId'), clientSecret: need(all, 'clientSecret'), refreshToken: need(all, 'refreshToken'), tokenUrl: str(all.tokenUrl) ?? 'https://oauth2.googleapis.com/token' }
      : undefined;
  if (!oauth && !str(all.accessToken)) throw new AccountConfigError('refreshToken', 'an OAuth refresh token (with clientId and clientSecret) or an accessToken is required');
  return {
    developerToken: need(all, 'developerToken'),
    customerId: digits(need(all, 'customerId')),
    ...(str(all.loginCustomerId) ? { loginCustomerId: digits(str(all.loginCustomerId)!) } : {}),
    ...(str(all.accessToken) && !oauth ? { accessToken: str(all.accessToken) } : {}),
    ...(oauth ? { oauth } : {}),
    apiVersion: str(all.apiVersion) ?? 'v21',
    baseUrl: str(all.baseUrl) ?? 'https://googleads.googleapis.com',
    userLists: nameMap(all.userLists),
    mappedIn: 'workspace',
    timeoutMs: TIMEOUT_MS,
  };
}

/** Builds the adapter an audience account describes; AccountConfigError names a missing field. */
export function audienceAdapterForAccount(kind: AudienceAccountKind, config: Record<string, unknown>, secrets: Record<string, string>): AudienceAdapter {
  const all = { ...config, ...secrets };
  return kind === 'facebook_audience' ? createFacebookAudienceAdapter(facebookSettings(all)) : createGoogleCustomerMatchAdapter(googleSettings(all));
}

type Check = { ok: boolean; message: string };
const reason = (json: unknown, snippet: string) => {
  const e = (json as { error?: { message?: unknown } | string } | undefined)?.error;
  return typeof e === 'string' ? e : typeof e?.message === 'string' ? e.message : snippet;
};

/** Facebook: the ad account's Custom Audiences (GET act_{id}/customaudiences); every mapped id must be among them. */
async function checkFacebook(all: Record<string, unknown>): Promise<Check> {
  const s = facebookSettings(all);
  const res = await providerRequest({ method: 'GET', url: `${joinUrl(s.baseUrl, `/${s.graphVersion}/act_${s.adAccountId}/customaudiences`)}?${new URLSearchParams({ fields: 'id,name', limit: '500', access_token: s.accessToken })}`, timeoutMs: 10_000 });
  if (isFailure(res)) return { ok: false, message: res.message };
  if (res.status !== 200) return { ok: false, message: `Facebook answered ${res.status}: ${reason(res.json, res.snippet)}` };
  const seen = new Set(((res.json as { data?: { id?: unknown }[] } | undefined)?.data ?? []).map((a) => String(a.id)));
  const missing = Object.entries(s.audiences).filter(([, id]) => !seen.has(id));
  if (missing.length > 0) return { ok: false, message: `the token works, but ad account ${s.adAccountId} has no Custom Audience ${missing.map(([name, id]) => `${id} ("${name}")`).join(', ')}` };
  return { ok: true, message: `signed in to ad account ${s.adAccountId}: ${seen.size} Custom Audience(s) visible` };
}

/** Google: a read-only GAQL search of the customer's user lists (googleAds:search); every mapped list must be among them. */
async function checkGoogle(all: Record<string, unknown>): Promise<Check> {
  const s = googleSettings(all);
  let bearer = s.accessToken ?? '';
  if (s.oauth) {
    const t = await providerRequest({
      url: s.oauth.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: s.oauth.clientId, client_secret: s.oauth.clientSecret, refresh_token: s.oauth.refreshToken }).toString(),
      timeoutMs: 10_000,
    });
    if (isFailure(t)) return { ok: false, message: t.message };
    const token = (t.json as { access_token?: unknown } | undefined)?.access_token;
    if (t.status !== 200 || typeof token !== 'string') return { ok: false, message: `Google refused the refresh token (HTTP ${t.status}): ${reason(t.json, t.snippet)}` };
    bearer = token;
  }
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, 'developer-token': s.developerToken };
  if (s.loginCustomerId) headers['login-customer-id'] = s.loginCustomerId;
  const res = await providerRequest({ url: joinUrl(s.baseUrl, `/${s.apiVersion}/customers/${s.customerId}/googleAds:search`), headers, body: { query: 'SELECT user_list.id, user_list.name FROM user_list' }, timeoutMs: 10_000 });
  if (isFailure(res)) return { ok: false, message: res.message };
  if (res.status !== 200) return { ok: false, message: `Google Ads answered ${res.status}: ${reason(res.json, res.snippet)}` };
  const seen = new Set(((res.json as { results?: { userList?: { id?: unknown } }[] } | undefined)?.results ?? []).map((r) => String(r.userList?.id)));
  const missing = Object.entries(s.userLists).filter(([, id]) => !seen.has(id));
  if (missing.length > 0) return { ok: false, message: `the credentials work, but customer ${s.customerId} has no user list ${missing.map(([name, id]) => `${id} ("${name}")`).join(', ')}` };
  return { ok: true, message: `signed in to Google Ads customer ${s.customerId}: ${seen.size} user list(s) visible` };
}

/** "Check connection" for an audience account: reads from the provider, changes nothing. */
export function checkAudienceAccount(kind: AudienceAccountKind, config: Record<string, unknown>, secrets: Record<string, string>): Promise<Check> {
  const all = { ...config, ...secrets };
  return kind === 'facebook_audience' ? checkFacebook(all) : checkGoogle(all);
}

const RECHECK_MS = 5_000;

/**
 * The audience adapter a workspace configured for a platform, or null (the environment's, then
 * audience_members only). Cached per workspace until the account row changes.
 */
export function workspaceAudienceAdapters(options: { db: Db; keyring: SecretKeyring | null; now?: () => number }) {
  const cache = new Map<string, { at: number; version: string; adapter: AudienceAdapter | null; error?: string }>();
  const now = options.now ?? Date.now;
  return async (platform: string, workspaceId: string): Promise<{ adapter: AudienceAdapter | null; error?: string }> => {
    const kind = (Object.keys(PLATFORM_OF_AUDIENCE_ACCOUNT) as AudienceAccountKind[]).find((k) => PLATFORM_OF_AUDIENCE_ACCOUNT[k] === platform);
    if (!kind || !options.keyring) return { adapter: null };
    const key = `${workspaceId}\u0000${kind}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < RECHECK_MS) return hit;
    const [row] = await options.db
      .select({ updatedAt: channelAccounts.updatedAt })
      .from(channelAccounts)
      .where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.kind, kind)))
      .limit(1);
    const version = row ? String(row.updatedAt) : '';
    if (hit && hit.version === version) {
      hit.at = now();
      return hit;
    }
    let entry: { at: number; version: string; adapter: AudienceAdapter | null; error?: string } = { at: now(), version, adapter: null };
    if (row) {
      try {
        const account = await loadAccount(options.db, options.keyring, workspaceId, kind as AccountKind);
        entry = { ...entry, adapter: account ? audienceAdapterForAccount(kind, account.config, account.secrets) : null };
      } catch (error) {
        entry = { ...entry, error: error instanceof Error ? error.message : String(error) };
      }
    }
    cache.set(key, entry);
    return entry;
  };
}
