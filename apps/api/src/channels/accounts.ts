// A workspace's provider accounts (SMTP or an email API, eSMS, Twilio, Messenger page, Zalo OA, webhook signing,
// Facebook Custom Audiences, Google Customer Match):
// saved sealed with BRAID_SECRETS_KEY, shown masked, checked with "check connection" / "send a test".
import { ACCOUNT_KINDS, AccountConfigError, audienceAdapterForAccount, checkAudienceAccount, isAudienceAccount, EMAIL_API_PROVIDERS, SECRET_FIELDS, adapterForAccount, deleteAccount, keyringFromEnv, listAccounts, loadAccount, maskAccount, parseSmtpSettings, recordAccountCheck, saveAccount, SecretsKeyError, verifyEmailApi, verifySmtp, type AccountKind, type EmailApiProvider, type SecretKeyring } from '@braid/channels';
import { newId, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { requireRole } from '../auth/middleware';

/** Provider credentials: owners and admins only, even to look at the masks. */
const admins = [requireRole('owner', 'admin')];

const secret = z.string().max(4_000);
const url = z.string().url({ error: 'A URL like https://…' }).max(500);
/** The marketer's audience names → the platform's numeric audience / user list ids. */
const audienceIds = z.record(z.string().min(1).max(200), z.string().regex(/^\d{1,32}$/, { error: 'An audience id: digits only' })).refine((m) => Object.keys(m).length <= 500, { error: 'At most 500 audiences' });
const customerId = z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, { error: 'A Google Ads customer id like 123-456-7890' });
/** Per kind: public config and secret fields. A secret left out keeps the saved one. */
const Bodies = {
  smtp: z.object({
    config: z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535), secure: z.boolean().default(false), user: z.string().max(255).optional(), from: z.string().min(3).max(320).regex(/@/, { error: 'A sender like "Shop <hello@shop.vn>"' }), allowInvalidCertificates: z.boolean().optional() }),
    secrets: z.object({ pass: secret.optional() }).default({}),
  }),
  email_api: z.object({
    config: z.object({
      provider: z.enum(EMAIL_API_PROVIDERS),
      from: z.string().min(3).max(320).regex(/@/, { error: 'A sender like "Shop <hello@shop.vn>"' }),
      messageStream: z.string().regex(/^[a-z0-9-]{1,30}$/, { error: 'A Postmark message stream id, e.g. outbound or broadcast' }).optional(),
      baseUrl: url.optional(),
    }),
    secrets: z.object({ apiKey: secret.optional() }).default({}),
  }),
  esms: z.object({
    config: z.object({ brandname: z.string().min(1).max(11), smsType: z.enum(['1', '2']).default('2'), sandbox: z.boolean().optional(), baseUrl: url.optional() }),
    secrets: z.object({ apiKey: secret.optional(), secretKey: secret.optional() }).default({}),
  }),
  twilio: z.object({
    config: z.object({ accountSid: z.string().regex(/^AC[0-9a-f]{32}$/, { error: 'AC followed by 32 lowercase hex characters' }), from: z.string().max(50).optional(), messagingServiceSid: z.string().max(50).optional(), baseUrl: url.optional() }),
    secrets: z.object({ authToken: secret.optional() }).default({}),
  }),
  messenger: z.object({
    config: z.object({ pageId: z.string().regex(/^\d{1,32}$/, { error: 'A Facebook Page id: digits only' }), graphVersion: z.string().regex(/^v\d+\.\d+$/).optional(), baseUrl: url.optional() }),
    secrets: z.object({ pageAccessToken: secret.optional(), appSecret: secret.optional() }).default({}),
  }),
  zalo: z.object({
    config: z.object({ oaId: z.string().regex(/^\d{1,32}$/, { error: 'A Zalo OA id: digits only' }), mode: z.enum(['zns', 'oa', 'auto']).default('zns'), dailyQuota: z.number().int().min(1).max(10_000_000).optional(), development: z.boolean().optional(), baseUrl: url.optional() }),
    secrets: z.object({ accessToken: secret.optional(), oaSecretKey: secret.optional() }).default({}),
  }),
  webhook: z.object({ config: z.object({}).default({}), secrets: z.object({ signingSecret: secret.min(16, { error: 'At least 16 characters' }).optional() }).default({}) }),
  facebook_audience: z.object({
    config: z.object({
      adAccountId: z.string().regex(/^(act_)?\d{1,32}$/, { error: 'An ad account id: digits, with or without act_' }),
      audiences: audienceIds.default({}),
      graphVersion: z.string().regex(/^v\d+\.\d+$/).optional(),
      baseUrl: url.optional(),
    }),
    secrets: z.object({ accessToken: secret.optional(), appSecret: secret.optional() }).default({}),
  }),
  google_audience: z.object({
    config: z.object({
      customerId: customerId,
      loginCustomerId: customerId.optional(),
      clientId: z.string().max(255).optional(),
      userLists: audienceIds.default({}),
      apiVersion: z.string().regex(/^v\d+$/).optional(),
      tokenUrl: url.optional(),
      baseUrl: url.optional(),
    }),
    secrets: z.object({ developerToken: secret.optional(), accessToken: secret.optional(), clientSecret: secret.optional(), refreshToken: secret.optional() }).default({}),
  }),
} satisfies Record<AccountKind, z.ZodType>;

const KindParam = z.object({ kind: z.enum(ACCOUNT_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) });
const Masked = z
  .object({
    kind: z.enum(ACCOUNT_KINDS),
    config: z.record(z.string(), z.unknown()),
    secrets: z.record(z.string(), z.object({ set: z.boolean(), hint: z.string() })).openapi({ description: 'Never the values: whether each is set and its last characters' }),
    updatedAt: z.number(),
    checkedAt: z.number().nullable(),
    checkResult: z.object({ ok: z.boolean(), message: z.string() }).nullable(),
  })
  .openapi('ChannelAccount');
const CheckResult = z.object({ ok: z.boolean(), message: z.string() }).openapi('ChannelAccountCheck');
const noKey = { 409: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'BRAID_SECRETS_KEY is not set: accounts cannot be stored') };

const list = createRoute({ middleware: admins, method: 'get', path: '/', tags: ['channels'], summary: "The workspace's provider accounts, secrets masked", security, responses: { 200: json(z.object({ accounts: z.array(Masked) }), 'Accounts'), ...errorResponses, ...noKey } });
const put = createRoute({
  middleware: admins,
  method: 'put',
  path: '/{kind}',
  tags: ['channels'],
  summary: 'Save a provider account (secrets sealed at rest; a secret left out keeps the saved one)',
  security,
  request: { params: KindParam, body: { content: { 'application/json': { schema: z.object({ config: z.record(z.string(), z.unknown()), secrets: z.record(z.string(), z.string()).default({}) }) } } } },
  responses: { 200: json(Masked, 'Saved'), ...errorResponses, ...noKey },
});
const del = createRoute({ middleware: admins, method: 'delete', path: '/{kind}', tags: ['channels'], summary: 'Remove a provider account (sends fall back to the environment, or the sandbox)', security, request: { params: KindParam }, responses: { 200: json(z.object({ deleted: z.boolean() }), 'Deleted'), ...errorResponses, ...notFound } });
const check = createRoute({ middleware: admins, method: 'post', path: '/{kind}/check', tags: ['channels'], summary: 'Check connection (SMTP: connect and sign in, nothing sent; email API and ad audiences: read from the provider with the credentials; others: the settings build a sender)', security, request: { params: KindParam }, responses: { 200: json(CheckResult, 'Result'), ...errorResponses, ...notFound, ...noKey } });
const test = createRoute({
  middleware: admins,
  method: 'post',
  path: '/{kind}/test',
  tags: ['channels'],
  summary: "Send a test message through the workspace's account",
  security,
  request: { params: KindParam, body: { content: { 'application/json': { schema: z.object({ to: z.string().min(1).max(320), body: z.string().max(1000).optional(), payload: z.record(z.string(), z.unknown()).optional() }) } } } },
  responses: { 200: json(CheckResult.extend({ providerMessageId: z.string().optional() }), 'Result (ok false says why)'), ...errorResponses, ...notFound, ...noKey },
});

function keyring(): SecretKeyring {
  const ring = keyringFromEnv();
  if (!ring) throw new ApiError(409, 'secrets_key_missing', 'Set BRAID_SECRETS_KEY (32 bytes, base64) to store provider accounts; see docs/secrets.md');
  return ring;
}

function bodyOf(kind: AccountKind, raw: unknown) {
  const parsed = Bodies[kind].safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new ApiError(400, 'invalid_request', `Invalid ${kind} account: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  }
  return parsed.data as { config: Record<string, unknown>; secrets: Record<string, string | undefined> };
}

async function accountOr404(db: Db, ring: SecretKeyring, workspaceId: string, kind: AccountKind) {
  try {
    const account = await loadAccount(db, ring, workspaceId, kind);
    if (!account) throw new ApiError(404, 'not_found', `No ${kind} account in this workspace`);
    return account;
  } catch (error) {
    if (error instanceof SecretsKeyError) throw new ApiError(409, 'secrets_key_mismatch', error.message);
    throw error;
  }
}

export function channelAccountRoutes(db: Db) {
  return adminApp()
    .openapi(list, async (c) => {
      const accounts = await listAccounts(db, keyring(), c.get('workspaceId')).catch((error: unknown) => {
        if (error instanceof SecretsKeyError) throw new ApiError(409, 'secrets_key_mismatch', error.message);
        throw error;
      });
      return c.json({ accounts: accounts.map(maskAccount) }, 200);
    })
    .openapi(put, async (c) => {
      const { kind } = c.req.valid('param');
      const ring = keyring();
      const body = bodyOf(kind, c.req.valid('json'));
      const workspaceId = c.get('workspaceId');
      const previous = await accountOr404(db, ring, workspaceId, kind).catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error)));
      const merged: Record<string, string> = {};
      for (const field of SECRET_FIELDS[kind]) {
        const value = body.secrets[field] ?? previous?.secrets[field];
        if (value) merged[field] = value;
      }
      try {
        // Built before saving so a missing secret is a 400 now (nothing written), not a failed send tonight.
        if (isAudienceAccount(kind)) audienceAdapterForAccount(kind, body.config, merged);
        else await adapterForAccount(kind, body.config, merged).close?.();
      } catch (error) {
        if (error instanceof AccountConfigError) throw new ApiError(400, 'invalid_request', error.message, [{ field: fieldPath(kind, error.field), message: error.message }]);
        throw error;
      }
      const saved = await saveAccount(db, ring, { workspaceId, kind, config: body.config, secrets: body.secrets, now: Date.now() });
      return c.json(maskAccount(saved), 200);
    })
    .openapi(del, async (c) => {
      const { kind } = c.req.valid('param');
      if (!(await deleteAccount(db, c.get('workspaceId'), kind))) throw new ApiError(404, 'not_found', `No ${kind} account in this workspace`);
      return c.json({ deleted: true }, 200);
    })
    .openapi(check, async (c) => {
      const { kind } = c.req.valid('param');
      const account = await accountOr404(db, keyring(), c.get('workspaceId'), kind);
      let result: { ok: boolean; message: string };
      if (isAudienceAccount(kind)) result = await checkAudienceAccount(kind, account.config, account.secrets);
      else if (kind === 'smtp') result = await verifySmtp(parseSmtpSettings({ ...account.config, ...account.secrets }));
      else if (kind === 'email_api') {
        const c = account.config as { provider: EmailApiProvider; from: string; baseUrl?: string };
        result = await verifyEmailApi({ provider: c.provider, from: c.from, apiKey: account.secrets.apiKey ?? '', ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}) });
      } else {
        await adapterForAccount(kind, account.config, account.secrets).close?.();
        result = { ok: true, message: `${kind} settings are complete; send a test to confirm the provider accepts them` };
      }
      await recordAccountCheck(db, c.get('workspaceId'), kind, result, Date.now());
      return c.json(result, 200);
    })
    .openapi(test, async (c) => {
      const { kind } = c.req.valid('param');
      const { to, body, payload } = c.req.valid('json');
      const workspaceId = c.get('workspaceId');
      if (isAudienceAccount(kind)) throw new ApiError(400, 'invalid_request', 'An ad audience account sends no messages: use check connection', [{ field: 'kind', message: 'not a channel account' }]);
      const account = await accountOr404(db, keyring(), workspaceId, kind);
      const adapter = adapterForAccount(kind, account.config, account.secrets);
      try {
        const text = body ?? 'Braid: tin nhắn thử / test message';
        const result = await adapter.send({
          channel: adapter.channel,
          to,
          subject: 'Braid: thư thử / test email',
          body: text,
          ...(payload ? { payload } : {}),
          idempotencyKey: `channel-test:${workspaceId}:${kind}:${newId()}`,
          customerId: '',
          workspaceId,
          meta: { test: true },
        });
        const outcome = result.status === 'sent' ? { ok: true, message: `sent to ${to}` } : { ok: false, message: `${result.error?.code ?? 'SEND_FAILED'}: ${result.error?.message ?? 'refused'}` };
        await recordAccountCheck(db, workspaceId, kind, outcome, Date.now());
        return c.json({ ...outcome, ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) }, 200);
      } finally {
        await adapter.close?.();
      }
    });
}

/** Where a field named by the adapter builder lives in the request body. */
function fieldPath(kind: AccountKind, field: string): string {
  return `${SECRET_FIELDS[kind].includes(field) ? 'secrets' : 'config'}.${field}`;
}
