// /t/u/<token>: the unsubscribe link every marketing message carries. Public (the customer has
// no login); the signed token is the only authority and names one customer of one workspace.
// GET shows the preference page (a link scanner that follows it changes nothing); POST with
// `List-Unsubscribe=One-Click` is RFC 8058's one-click unsubscribe; POST .../preferences saves
// the page's form. A forged token changes nothing and says so.
import { channelOfScope, customerConsent, recordConsent, trackingVerifier, verifyAnyUnsubscribeToken, type TrackingSettings, type UnsubscribeClaim } from '@braid/channels';
import { and, customers, eq, liveCustomerId, workspaces, type Db, type SubscriptionStatus } from '@braid/db';
import { Hono, type Context } from 'hono';
import { errorBody } from '../errors';
import { writeConsent } from '../subscriptions/consent-write';
import { ApiError } from '../errors';
import { CONSENT_CHANNELS } from '../subscriptions/groups';
import { invalidLinkPage, langOf, preferencePage, unsubscribedPage, type Lang } from './preference-page';

const NO_STORE = { 'cache-control': 'no-store, private', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };

type Resolved = { claim: UnsubscribeClaim; customerId: string; shopName: string };

export function unsubscribeRoutes(db: Db, settings: () => TrackingSettings | null, now: () => number = Date.now): Hono {
  const app = new Hono();

  /** The claim and the customer it names, still of the workspace that signed it; null for anything else. */
  const resolve = async (token: string): Promise<Resolved | null> => {
    const current = settings();
    const claim = current ? await verifyAnyUnsubscribeToken(trackingVerifier(current), token) : null;
    if (!claim) return null;
    const live = (await liveCustomerId(db, claim.customerId)) ?? claim.customerId;
    const [row] = await db
      .select({ id: customers.id, shop: workspaces.name })
      .from(customers)
      .innerJoin(workspaces, eq(workspaces.id, customers.workspaceId))
      .where(and(eq(customers.id, live), eq(customers.workspaceId, claim.workspaceId)))
      .limit(1);
    return row ? { claim, customerId: row.id, shopName: row.shop } : null;
  };

  const invalid = (c: Context, lang: Lang, html: boolean) =>
    html
      ? c.html(invalidLinkPage(lang), 400, NO_STORE)
      : c.json(errorBody('invalid_unsubscribe_link', 'This unsubscribe link is damaged or was not issued by this Braid; nothing was changed', [{ field: 'token', message: 'signature does not match' }]), 400, NO_STORE);

  const page = async (c: Context, r: Resolved, lang: Lang, notice?: 'saved' | 'unsubscribed') => {
    const consent = await customerConsent(db, { workspaceId: r.claim.workspaceId, customerId: r.customerId });
    const linkChannel = channelOfScope(r.claim.scope) ?? consent.groups.find((g) => g.group.id === r.claim.scope)?.group.channel;
    const channels = [...new Set([...(linkChannel ? [linkChannel] : []), ...consent.groups.map((g) => g.group.channel), ...consent.channels.map((x) => x.channel)])].filter((x) => (CONSENT_CHANNELS as readonly string[]).includes(x));
    const self = `/t/u/${c.req.param('token')}`;
    return c.html(preferencePage({ lang, shopName: r.shopName, consent, channels, action: `${self}/preferences`, self, ...(notice ? { notice } : {}) }), 200, NO_STORE);
  };

  app.use('*', async (c, next) => {
    if (!settings()) return c.json(errorBody('not_found', 'Unsubscribe links are off: set BRAID_TRACKING_SECRET (or use a local database)'), 404);
    await next();
  });

  app.get('/:token', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const r = await resolve(c.req.param('token'));
    return r ? page(c, r, lang) : invalid(c, lang, true);
  });

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` (form-encoded or multipart), no cookies, no page.
  app.post('/:token', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const r = await resolve(c.req.param('token'));
    if (!r) return invalid(c, lang, false);
    const form = await formOf(c);
    if (form['List-Unsubscribe'] !== 'One-Click') {
      return c.json(errorBody('invalid_request', 'A one-click unsubscribe posts List-Unsubscribe=One-Click (RFC 8058)', [{ field: 'List-Unsubscribe', message: 'must be One-Click' }]), 400, NO_STORE);
    }
    await recordConsent(db, { workspaceId: r.claim.workspaceId, customerId: r.customerId, scope: r.claim.scope, status: 'unsubscribed', source: 'one_click', at: now() });
    return c.html(unsubscribedPage(lang, `/t/u/${c.req.param('token')}`), 200, NO_STORE);
  });

  app.post('/:token/preferences', async (c) => {
    const form = await formOf(c);
    const lang = langOf(first(form.lang));
    const r = await resolve(c.req.param('token'));
    if (!r) return invalid(c, lang, true);
    const action = first(form.action) ?? 'save';
    if (action !== 'save' && action !== 'unsubscribe_all') return refuse('action', 'must be save or unsubscribe_all');
    const list = (name: string) => all(form[name]);
    const badChannel = [...list('channel'), ...list('shown_channel')].find((x) => !(CONSENT_CHANNELS as readonly string[]).includes(x));
    if (badChannel !== undefined) return refuse('channel', `${JSON.stringify(badChannel.slice(0, 40))} is not a channel`);
    const consent = await customerConsent(db, { workspaceId: r.claim.workspaceId, customerId: r.customerId });
    const current = new Map(consent.groups.map((g) => [g.group.id, g.status]));
    const badGroup = [...list('group'), ...list('shown_group')].find((id) => !current.has(id));
    // Another workspace's group, or one that never existed: refused whole, nothing written.
    if (badGroup !== undefined) return refuse('group', `${JSON.stringify(badGroup.slice(0, 40))} is not a list of this shop`);
    const groups: Record<string, SubscriptionStatus> = {};
    const channels: Record<string, SubscriptionStatus> = {};
    const stopped = new Set(consent.channels.filter((x) => x.status === 'unsubscribed').map((x) => x.channel));
    if (action === 'unsubscribe_all') {
      for (const id of current.keys()) groups[id] = 'unsubscribed';
      for (const ch of new Set([...list('shown_channel'), ...consent.groups.map((g) => g.group.channel)])) channels[ch] = 'unsubscribed';
    } else {
      // Only what changed is written: an untouched default stays a default.
      for (const id of list('shown_group')) {
        const wanted: SubscriptionStatus = list('group').includes(id) ? 'subscribed' : 'unsubscribed';
        if (current.get(id) !== wanted) groups[id] = wanted;
      }
      for (const ch of list('shown_channel')) {
        const wanted: SubscriptionStatus = list('channel').includes(ch) ? 'subscribed' : 'unsubscribed';
        if ((stopped.has(ch) ? 'unsubscribed' : 'subscribed') !== wanted) channels[ch] = wanted;
      }
    }
    await writeConsent(db, { workspaceId: r.claim.workspaceId, customerId: r.customerId, groups, channels, source: 'preference_page', at: now(), field: 'group' });
    return page(c, r, lang, action === 'save' ? 'saved' : 'unsubscribed');
  });

  return app;
}

type Form = Record<string, string | File | (string | File)[]>;

async function formOf(c: Context): Promise<Form> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded or multipart/form-data', [{ field: 'Content-Type', message: 'must be a form' }]);
  }
  try {
    return (await c.req.parseBody({ all: true })) as Form;
  } catch {
    throw new ApiError(400, 'invalid_request', 'The form could not be read', [{ field: '', message: 'malformed form body' }]);
  }
}

const all = (v: Form[string] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v])).filter((x): x is string => typeof x === 'string');
const first = (v: Form[string] | undefined): string | undefined => all(v)[0];

function refuse(field: string, message: string): never {
  throw new ApiError(400, 'invalid_request', `${field}: ${message}`, [{ field, message }]);
}
