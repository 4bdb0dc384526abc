// Public tracking endpoints under /t: email opens and clicks, provider status webhooks.
// Mounted outside the auth middleware; each route carries its own proof (signed token or the
// provider's signature) and is off (404) when its secret is not configured.
import { keyringFromEnv, trackingSettingsFromEnv, withTrackingKeys, type TrackingSettings } from '@braid/channels';
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { errorBody } from '../errors';
import { engagementRoutes } from './engagement-routes';
import { workspaceResolver } from './resolve-workspace';
import { messengerWebhook, type MessengerWebhookSettings } from './messenger-webhook';
import { unsubscribeRoutes } from './unsubscribe-routes';
import { twilioWebhook, type TwilioWebhookSettings } from './twilio-webhook';
import { zaloWebhook, type ZaloWebhookSettings } from './zalo-webhook';

/** A message moved to opened / clicked / replied (first time only): the hook journeys listen on. */
export type OnEngaged = (messageId: string, status: 'opened' | 'clicked' | 'replied') => Promise<void> | void;

export type TrackingRoutesOptions = {
  db: Db;
  /** Defaults from the environment: BRAID_TRACKING_SECRET ..., MESSENGER_APP_SECRET, ZALO_APP_ID, TWILIO_AUTH_TOKEN ... */
  tracking?: TrackingSettings | null;
  messenger?: MessengerWebhookSettings | null;
  zalo?: ZaloWebhookSettings | null;
  twilio?: TwilioWebhookSettings | null;
  env?: Record<string, string | undefined>;
  now?: () => number;
  onEngaged?: OnEngaged;
  /** Where ignored provider events are reported (an event no workspace can be resolved for); default console.warn. */
  log?: (line: string) => void;
};

export function trackingRoutes(options: TrackingRoutesOptions): Hono {
  const env = options.env ?? process.env;
  // Lazily: resolving may create the secret file next to the database. Links are checked against
  // each workspace's own keys (tracking_keys), the installation's secret only for older links.
  let tracking: TrackingSettings | null | undefined;
  const trackingSettings = () =>
    tracking === undefined ? (tracking = withTrackingKeys(options.tracking === undefined ? trackingSettingsFromEnv(env) : options.tracking, options.db, keyringFromEnv(env))) : tracking;
  const messenger =
    options.messenger !== undefined
      ? options.messenger
      : env.MESSENGER_APP_SECRET
        ? { appSecret: env.MESSENGER_APP_SECRET, ...(env.MESSENGER_VERIFY_TOKEN ? { verifyToken: env.MESSENGER_VERIFY_TOKEN } : {}) }
        : null;
  const zalo = options.zalo !== undefined ? options.zalo : env.ZALO_APP_ID && env.ZALO_OA_SECRET_KEY ? { appId: env.ZALO_APP_ID, oaSecretKey: env.ZALO_OA_SECRET_KEY } : null;
  const twilio =
    options.twilio !== undefined
      ? options.twilio
      : env.TWILIO_AUTH_TOKEN
        ? { authToken: env.TWILIO_AUTH_TOKEN, ...(env.TWILIO_STATUS_CALLBACK_URL ? { callbackUrl: env.TWILIO_STATUS_CALLBACK_URL } : {}) }
        : null;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(line));

  const app = new Hono();
  app.route('/', engagementRoutes(options.db, trackingSettings, now, options.onEngaged));
  app.route('/u', unsubscribeRoutes(options.db, trackingSettings, now));
  if (messenger) app.route('/webhooks/messenger', messengerWebhook(options.db, messenger, workspaceResolver(options.db, 'messenger', ['pageId', 'page_id'], log), now, options.onEngaged));
  if (zalo) app.route('/webhooks/zalo', zaloWebhook(options.db, zalo, workspaceResolver(options.db, 'zalo', ['oaId', 'oa_id'], log), now, options.onEngaged));
  if (twilio) app.route('/webhooks/twilio', twilioWebhook(options.db, twilio, workspaceResolver(options.db, 'sms', ['accountSid', 'account_sid'], log), now));
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path} (tracking and provider webhooks are off until configured)`), 404));
  return app;
}
