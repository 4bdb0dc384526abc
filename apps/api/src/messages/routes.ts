// A send step's message rendered for a real customer (the panel's preview), and "send a test to …"
// through the workspace's own email / SMS account, with the one-click unsubscribe headers a
// marketing email carries.
import { adapterForAccount, channelScope, keyringFromEnv, linksForWorkspace, listUnsubscribeHeaders, loadAccount, recordAccountCheck, SecretsKeyError, trackingSettingsFromEnv, unsubscribeUrl, withTrackingKeys, type TrackingSettings } from '@braid/channels';
import { newId, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { MessageDraft, RenderedDraft, renderDraft } from './render-for-customer';

const preview = createRoute({
  method: 'post',
  path: '/preview',
  tags: ['messages'],
  summary: 'Render a message for one customer of the workspace (email blocks → MJML → HTML, SMS cost)',
  security,
  request: { body: { content: { 'application/json': { schema: MessageDraft } } } },
  responses: { 200: json(RenderedDraft, 'The message as the customer would get it'), ...errorResponses, ...notFound },
});

const TestBody = MessageDraft.extend({ to: z.string().trim().min(3).max(320) });
const test = createRoute({
  method: 'post',
  path: '/test',
  tags: ['messages'],
  summary: "Send a test of the message, rendered for the chosen customer, through the workspace's account",
  security,
  request: { body: { content: { 'application/json': { schema: TestBody } } } },
  responses: {
    200: json(z.object({ ok: z.boolean(), message: z.string(), providerMessageId: z.string().optional() }), 'Result (ok false says why)'),
    ...errorResponses,
    ...notFound,
  },
});

/** Which account kinds may send a test of each channel, the first configured one as real sends choose it. */
const ACCOUNTS_OF: Partial<Record<string, readonly ('email_api' | 'smtp' | 'esms')[]>> = { email: ['email_api', 'smtp'], sms: ['esms'] };

export function messageRoutes(db: Db, options: { tracking?: () => TrackingSettings | null } = {}) {
  let tracking: TrackingSettings | null | undefined;
  const links = options.tracking ?? (() => (tracking === undefined ? (tracking = withTrackingKeys(trackingSettingsFromEnv(), db, keyringFromEnv())) : tracking));
  return adminApp()
    .openapi(preview, async (c) => {
      const rendered = await renderDraft(db, c.get('workspaceId'), c.req.valid('json'));
      const { from: _from, ...body } = rendered;
      return c.json(body, 200);
    })
    .openapi(test, async (c) => {
      const { to, ...draft } = c.req.valid('json');
      const workspaceId = c.get('workspaceId');
      const kinds = ACCOUNTS_OF[draft.channel];
      if (!kinds) throw new ApiError(400, 'invalid_request', `channel: a test can be sent for email and SMS, not ${draft.channel}`, [{ field: 'channel', message: 'email or sms' }]);
      const ring = keyringFromEnv();
      if (!ring) throw new ApiError(409, 'secrets_key_missing', 'Set BRAID_SECRETS_KEY to store provider accounts; see docs/secrets.md');
      let account: Awaited<ReturnType<typeof loadAccount>> = null;
      for (const candidate of kinds) {
        account = await loadAccount(db, ring, workspaceId, candidate).catch((error: unknown) => {
          if (error instanceof SecretsKeyError) throw new ApiError(409, 'secrets_key_mismatch', error.message);
          throw error;
        });
        if (account) break;
      }
      if (!account) throw new ApiError(404, 'not_found', `No ${kinds.join(' or ')} account in this workspace: add one in channel settings`);
      const kind = account.kind;
      // The same signed link a real send carries, for the chosen customer: the test shows the headers Gmail checks.
      const settings = draft.channel === 'email' && draft.customerId ? links() : null;
      const unsubscribe = settings && draft.customerId ? unsubscribeUrl(await linksForWorkspace(settings, workspaceId), { workspaceId, customerId: draft.customerId, scope: channelScope(draft.channel) }) : '';
      const rendered = await renderDraft(db, workspaceId, draft, unsubscribe);
      const adapter = adapterForAccount(kind, account.config, account.secrets);
      try {
        const result = await adapter.send({
          channel: adapter.channel,
          to,
          subject: `[TEST] ${rendered.subject}`,
          ...(rendered.from ? { from: rendered.from } : {}),
          body: rendered.text,
          ...(rendered.html !== undefined ? { html: rendered.html } : {}),
          ...(unsubscribe ? { headers: listUnsubscribeHeaders(unsubscribe) } : {}),
          idempotencyKey: `message-test:${workspaceId}:${newId()}`,
          customerId: draft.customerId ?? '',
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
