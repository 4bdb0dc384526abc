// Meta Custom Audience users endpoint (https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/)
// and Google Ads OfflineUserDataJobService over REST
// (https://developers.google.com/google-ads/api/rest/reference/rest/latest/customers.offlineUserDataJobs).
// Both insist on SHA-256 hex hashes: a plain email or phone in the payload is refused.
import { isObject, Problems, startFakeServer, type FakeServer } from './fake-server';

const HASH = /^[0-9a-f]{64}$/;
const META_KEYS = ['EMAIL', 'PHONE', 'EXTERN_ID', 'FN', 'LN', 'CT', 'COUNTRY'];

export type FakeFacebookAudiences = FakeServer & { members: Map<string, Set<string>>; control: { failNext: { status: number; error: Record<string, unknown> } | null } };

export async function startFakeFacebookAudiences(opts: { token: string; version: string; audienceIds: string[]; adAccountId?: string }): Promise<FakeFacebookAudiences> {
  const members = new Map<string, Set<string>>(opts.audienceIds.map((id) => [id, new Set<string>()]));
  const state: FakeFacebookAudiences['control'] = { failNext: null };
  const graphError = (code: number, message: string) => ({ status: 400, json: { error: { message, type: 'OAuthException', code, fbtrace_id: 'x' } } });
  const server = await startFakeServer((req) => {
    // The ad account's audiences (GET act_{id}/customaudiences), what "check connection" reads.
    const read = new RegExp(`^/${opts.version}/act_(\\d+)/customaudiences$`).exec(req.path);
    if (read && req.method === 'GET') {
      if (req.query.get('access_token') !== opts.token) return graphError(190, 'Invalid OAuth access token.');
      if (read[1] !== opts.adAccountId) return graphError(100, `Unsupported get request. Object with ID 'act_${read[1]}' does not exist`);
      return { status: 200, json: { data: opts.audienceIds.map((id) => ({ id, name: `Audience ${id}` })) } };
    }
    const m = new RegExp(`^/${opts.version}/(\\d+)/users$`).exec(req.path);
    if (!m || (req.method !== 'POST' && req.method !== 'DELETE')) return graphError(100, `Unsupported ${req.method} request to ${req.path}`);
    if (req.query.get('access_token') !== opts.token) return graphError(190, 'Invalid OAuth access token.');
    const set = members.get(m[1]!);
    if (!set) return graphError(100, `Unsupported request: object with ID '${m[1]}' does not exist`);
    if (state.failNext) {
      const f = state.failNext;
      state.failNext = null;
      return { status: f.status, json: { error: f.error } };
    }
    const p = new Problems();
    const payload = isObject(req.json) ? req.json.payload : undefined;
    p.check(isObject(payload), 'payload is required');
    const schema = isObject(payload) ? payload.schema : undefined;
    const data = isObject(payload) ? payload.data : undefined;
    p.check(Array.isArray(schema) && schema.length > 0 && schema.every((k) => META_KEYS.includes(String(k))), 'payload.schema must list keys like EMAIL, PHONE');
    p.check(Array.isArray(data) && data.length > 0 && data.length <= 10_000, 'payload.data must have 1–10000 rows');
    if (Array.isArray(schema) && Array.isArray(data)) {
      for (const row of data) {
        p.check(Array.isArray(row) && row.length === schema.length, 'each row has one value per schema key');
        if (Array.isArray(row)) for (const v of row) p.check(v === '' || (typeof v === 'string' && HASH.test(v)), `values must be SHA-256 hex (normalised first), got ${JSON.stringify(v)}`);
      }
    }
    const session = isObject(req.json) ? req.json.session : undefined;
    if (session !== undefined) p.check(isObject(session) && Number.isInteger(session.session_id) && Number.isInteger(session.batch_seq) && typeof session.last_batch_flag === 'boolean', 'session needs session_id, batch_seq, last_batch_flag');
    if (p.any) return graphError(100, `(#100) ${p.list.join('; ')}`);
    for (const row of data as string[][]) {
      const key = row.join('|');
      if (req.method === 'POST') set.add(key);
      else set.delete(key);
    }
    return { status: 200, json: { audience_id: m[1], session_id: isObject(session) ? session.session_id : 1, num_received: (data as unknown[]).length, num_invalid_entries: 0, invalid_entry_samples: {} } };
  });
  return Object.assign(server, { members, control: state });
}

export type FakeGoogleAds = FakeServer & { lists: Map<string, Set<string>>; stats: { tokensIssued: number } };

export async function startFakeGoogleAds(opts: { developerToken: string; customerId: string; userListIds: string[]; oauth: { clientId: string; clientSecret: string; refreshToken: string } }): Promise<FakeGoogleAds> {
  const lists = new Map<string, Set<string>>(opts.userListIds.map((id) => [id, new Set<string>()]));
  const jobs = new Map<string, { listId: string; ops: { op: 'create' | 'remove'; key: string }[]; ran: boolean }>();
  const state = { tokensIssued: 0 };
  const validTokens = new Set<string>();
  const gError = (status: number, s: string, message: string) => ({ status, json: { error: { code: status, message, status: s } } });
  let jobN = 0;
  const server = await startFakeServer((req) => {
    if (req.path === '/token') {
      const form = new URLSearchParams(req.raw);
      if (form.get('grant_type') !== 'refresh_token' || form.get('client_id') !== opts.oauth.clientId || form.get('client_secret') !== opts.oauth.clientSecret || form.get('refresh_token') !== opts.oauth.refreshToken)
        return { status: 400, json: { error: 'invalid_grant' } };
      const token = `ya29.fake-${++state.tokensIssued}`;
      validTokens.add(token);
      return { status: 200, json: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!validTokens.has(bearer)) return gError(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.');
    if (req.headers['developer-token'] !== opts.developerToken) return gError(401, 'UNAUTHENTICATED', 'The developer token is not valid.');
    if (req.method !== 'POST') return gError(404, 'NOT_FOUND', 'not found');
    const b = isObject(req.json) ? req.json : {};
    // A read-only GAQL search of the user lists (GoogleAdsService.Search), what "check connection" reads.
    const search = /^\/v\d+\/customers\/(\d+)\/googleAds:search$/.exec(req.path);
    if (search) {
      if (search[1] !== opts.customerId) return gError(403, 'PERMISSION_DENIED', "User doesn't have permission to access customer.");
      if (!/^SELECT .*user_list\.id.* FROM user_list/i.test(String(b.query))) return gError(400, 'INVALID_ARGUMENT', 'query: a GAQL query over user_list is expected');
      return { status: 200, json: { results: [...lists.keys()].map((id) => ({ userList: { resourceName: `customers/${opts.customerId}/userLists/${id}`, id, name: `List ${id}` } })) } };
    }
    const create = /^\/v\d+\/customers\/(\d+)\/offlineUserDataJobs:create$/.exec(req.path);
    if (create) {
      if (create[1] !== opts.customerId) return gError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
      const job = isObject(b.job) ? b.job : {};
      const meta = isObject(job.customerMatchUserListMetadata) ? job.customerMatchUserListMetadata : {};
      const list = /^customers\/(\d+)\/userLists\/(\d+)$/.exec(String(meta.userList));
      if (job.type !== 'CUSTOMER_MATCH_USER_LIST' || !list || list[1] !== opts.customerId || !lists.has(list[2]!)) return gError(400, 'INVALID_ARGUMENT', 'job.type / customerMatchUserListMetadata.userList invalid');
      const resourceName = `customers/${opts.customerId}/offlineUserDataJobs/${++jobN}`;
      jobs.set(resourceName, { listId: list[2]!, ops: [], ran: false });
      return { status: 200, json: { resourceName } };
    }
    const action = /^\/v\d+\/(customers\/\d+\/offlineUserDataJobs\/\d+):(addOperations|run)$/.exec(req.path);
    const job = action ? jobs.get(action[1]!) : undefined;
    if (!action || !job) return gError(404, 'NOT_FOUND', `no such job: ${req.path}`);
    if (job.ran) return gError(400, 'INVALID_ARGUMENT', 'the job already ran');
    if (action[2] === 'run') {
      job.ran = true;
      const set = lists.get(job.listId)!;
      for (const o of job.ops) {
        if (o.op === 'create') set.add(o.key);
        else set.delete(o.key);
      }
      return { status: 200, json: { name: `customers/${opts.customerId}/operations/${jobN}` } };
    }
    const p = new Problems();
    const ops = b.operations;
    p.check(Array.isArray(ops) && ops.length > 0 && ops.length <= 10_000, 'operations must have 1–10000 entries');
    for (const op of Array.isArray(ops) ? ops : []) {
      const kinds = isObject(op) ? Object.keys(op) : [];
      p.check(kinds.length === 1 && (kinds[0] === 'create' || kinds[0] === 'remove'), 'each operation is exactly one of create / remove');
      const data = isObject(op) ? (op as Record<string, unknown>)[kinds[0] ?? ''] : undefined;
      const ids = isObject(data) ? data.userIdentifiers : undefined;
      p.check(Array.isArray(ids) && ids.length > 0, 'userIdentifiers is required');
      for (const id of Array.isArray(ids) ? ids : []) {
        const keys = isObject(id) ? Object.keys(id) : [];
        p.check(keys.length === 1 && ['hashedEmail', 'hashedPhoneNumber'].includes(keys[0]!), 'one identifier per UserIdentifier (hashedEmail or hashedPhoneNumber)');
        p.check(isObject(id) && HASH.test(String(Object.values(id)[0])), 'identifiers must be SHA-256 hex of normalised values');
      }
      if (!p.any) job.ops.push({ op: kinds[0] as 'create' | 'remove', key: (ids as Record<string, string>[]).map((i) => Object.values(i)[0]).join('|') });
    }
    if (p.any) return gError(400, 'INVALID_ARGUMENT', p.list.join('; '));
    return { status: 200, json: {} };
  });
  return Object.assign(server, { lists, stats: state });
}
