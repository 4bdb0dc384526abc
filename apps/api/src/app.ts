// The whole HTTP surface: /v1 ingestion (write keys), /api admin (tokens or sessions).
import type { Db } from '@braid/db';
import { OpenAPIHono } from '@hono/zod-openapi';
import { apiKeyRoutes } from './admin/api-keys';
import { jsonBodies } from './admin/json-body';
import { customerRoutes } from './admin/customers';
import { eventRoutes } from './admin/events';
import { workspaceRoutes } from './admin/workspaces';
import { publishRequestRoutes } from './approvals/pending';
import { auditRoutes } from './audit/routes';
import { acceptInvitationRoutes } from './auth/accept-invitation';
import { invitationRoutes } from './auth/invitations';
import { userRoutes } from './auth/users';
import { KeyCache } from './auth/keys';
import { requireAuth } from './auth/middleware';
import { authRoutes, publicAuthRoutes } from './auth/routes';
import type { AppEnv } from './env';
import { errorBody, onError, validationHook } from './errors';
import { describeIngestion } from './ingest/openapi';
import { ingestRoutes } from './ingest/routes';
import { trackingRoutes, type OnEngaged } from './tracking/routes';
import { unambiguousNullables, withOperationIds } from './openapi-document';
import { serveWebApp } from './web-app';
import { apiDocsRoutes } from './api-docs';
import { journeySchemaRoutes } from './journey-files/json-schemas';
import { withConsentFromEvents } from './subscriptions/consent-from-events';
import { withReferralCredits } from './reports/referral-credit';
import { withLoyaltyBalance } from './loyalty/with-loyalty-balance';
import { reportRoutes } from './reports/routes';
import { commerceWebhookRoutes } from './commerce/webhook-routes';
import { posRoutes } from './commerce/pos-routes';
import { commerceSourceRoutes } from './commerce/source-routes';
import { describeCommerceIngestion } from './commerce/openapi';
import { staffTaskRoutes } from './staff-tasks/routes';
import { customerConsentRoutes } from './subscriptions/customer-consent';
import { subscriptionGroupRoutes } from './subscriptions/groups';
import { channelSettingsRoutes } from './channels/settings';
import { channelAccountRoutes } from './channels/accounts';
import { znsTemplateRoutes } from './channels/zns-templates';
import { trackingKeyRoutes } from './channels/tracking-keys';
import { messageRoutes } from './messages/routes';
import { templateRoutes } from './templates/routes';
import { outboxRoutes } from './outbox/routes';
import { segmentRoutes } from './segments/routes';
import { eventCatalogueRoutes } from './catalogue/routes';
import type { IngestedEvent } from './ingest/store';
import { AllowedOrigins, IdentityVerification, registerWebsite } from './website';

export type { AppEnv, Actor } from './env';
export type { IngestedEvent, StoredEvent } from './ingest/store';

export type AdminApi = OpenAPIHono<AppEnv>;

export interface AppDeps {
  db: Db;
  /** Called after a request's events are committed, once per newly stored event. */
  onEventsIngested?: (events: IngestedEvent[]) => Promise<void> | void;
  /** Mount more admin routes (e.g. journeys) on the authenticated `/api` app. */
  registerRoutes?: (api: AdminApi) => void;
  /** Folder of the built web app (apps/web/dist) to serve at `/`; omitted in development. */
  webDist?: string;
  /** Called when a message is first opened, clicked or replied to (journeys turn it into an event). */
  onEngaged?: OnEngaged;
  /** How long an ingestion request may take to send its body (default 10 s), then 408. */
  ingestBodyTimeoutMs?: number;
}

export function createApp(deps: AppDeps) {
  const { db } = deps;
  const keys = new KeyCache(db);
  const origins = new AllowedOrigins(db);
  const verification = new IdentityVerification(db);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));

  // A referred order credits its referrer with a `Referral Credited` event, routed like the order;
  // the loyalty balance is brought up to date before journeys see the order.
  const onEventsIngested = withReferralCredits(db, withConsentFromEvents(db, withLoyaltyBalance(db, deps.onEventsIngested)));
  app.route('/v1', ingestRoutes({ db, keys, onEventsIngested, bodyTimeoutMs: deps.ingestBodyTimeoutMs, origins, verification }));
  // Shops' order webhooks (signed with the source's secret) and the showroom's till (write key).
  app.route('/v1/commerce', commerceWebhookRoutes({ db, onEventsIngested }));
  app.route('/v1/pos', posRoutes({ db, keys, onEventsIngested, origins }));
  // Public: email open/click tracking and provider status webhooks (signed tokens / signatures).
  app.route('/t', trackingRoutes({ db, onEngaged: deps.onEngaged }));

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.onError(onError);
  // Every write's body is JSON, checked before any route reads it: login's here, the others' once
  // the caller is known (an anonymous caller learns nothing about a body but 401).
  const bodies = jsonBodies();
  api.use('/auth/login', bodies);
  api.use('/auth/invitations/*', bodies);
  // Public: logging in, accepting an invitation (the link's token is the credential), and the
  // description of the API (no data in any).
  api.route('/auth', publicAuthRoutes(db));
  api.route('/auth', acceptInvitationRoutes(db));
  api.get('/openapi.json', (c) => c.json(openApiDocument()));
  api.route('/schemas', journeySchemaRoutes());
  api.route('/docs', apiDocsRoutes());
  // Everything registered below requires auth.
  api.use('*', requireAuth(db, keys));
  api.use('*', bodies);
  api.route('/auth', authRoutes(db));
  api.route('/workspaces', workspaceRoutes(db, keys));
  api.route('/api-keys', apiKeyRoutes(db, keys));
  api.route('/users', invitationRoutes(db));
  api.route('/users', userRoutes(db));
  api.route('/audit', auditRoutes(db));
  api.route('/publish-requests', publishRequestRoutes(db));
  api.route('/customers', customerRoutes(db));
  api.route('/events', eventRoutes(db));
  api.route('/subscription-groups', subscriptionGroupRoutes(db));
  api.route('/customers', customerConsentRoutes(db));
  // The website snippet (/sdk.js), its /v1/web and /v1/push routes, and /api/website.
  registerWebsite(app, api, { db, keys, origins, verification, onEngaged: deps.onEngaged });
  api.route('/segments', segmentRoutes(db));
  api.route('/event-catalogue', eventCatalogueRoutes(db));
  api.route('/outbox', outboxRoutes(db));
  api.route('/channel-settings', channelSettingsRoutes(db));
  api.route('/channel-accounts', channelAccountRoutes(db));
  api.route('/zns-templates', znsTemplateRoutes(db));
  api.route('/tracking-keys', trackingKeyRoutes(db));
  api.route('/messages', messageRoutes(db));
  api.route('/templates', templateRoutes(db));
  api.route('/commerce-sources', commerceSourceRoutes(db));
  api.route('/staff-tasks', staffTaskRoutes(db, onEventsIngested));
  api.route('/reports', reportRoutes(db));
  deps.registerRoutes?.(api);
  api.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));

  app.route('/api', api);
  describeIngestion(app.openAPIRegistry);
  describeCommerceIngestion(app.openAPIRegistry);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Admin API token (`bat_...`)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'braid_session',
    description: 'Set by POST /api/auth/login',
  });

  let cached: unknown = null;
  function openApiDocument() {
    cached ??= withOperationIds(unambiguousNullables(app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Braid admin API',
        version: '0.1.0',
        description:
          'Admin API of Braid. Ingestion (`/v1/track`, `/identify`, `/page`, `/screen`, `/group`, `/alias`, `/batch`) follows the Segment HTTP Tracking API with the write key as HTTP Basic username.',
      },
    })));
    return cached;
  }
  if (deps.webDist) serveWebApp(app, deps.webDist);
  return app;
}
