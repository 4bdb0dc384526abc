// The website: the snippet's scripts, its on-site message and push routes under /v1, the admin
// settings under /api/website, and the origin and identity-verification rules /v1 ingestion applies.
import type { Db } from '@braid/db';
import type { Hono } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { KeyCache } from '../auth/keys';
import type { AppEnv } from '../env';
import type { OnEngaged } from '../tracking/routes';
import type { AllowedOrigins } from './allowed-origins';
import type { IdentityVerification } from './identity-verification';
import { identityVerificationRoutes } from './identity-verification-routes';
import { LiveFeed } from './live-feed';
import { onsiteRoutes } from './onsite-routes';
import { pushRoutes } from './push-routes';
import { websiteSettingsRoutes } from './settings-routes';
import { snippetRoutes } from './snippet-routes';

export { AllowedOrigins } from './allowed-origins';
export { IdentityVerification } from './identity-verification';

export type WebsiteDeps = {
  db: Db;
  keys: KeyCache;
  origins: AllowedOrigins;
  verification: IdentityVerification;
  onEngaged?: OnEngaged;
  env?: Record<string, string | undefined>;
};

export function registerWebsite(app: Hono<AppEnv>, api: OpenAPIHono<AppEnv>, deps: WebsiteDeps): void {
  const env = deps.env ?? process.env;
  const visitorDeps = { db: deps.db, keys: deps.keys, origins: deps.origins };
  app.route('/', snippetRoutes());
  app.route('/v1/web', onsiteRoutes({ ...visitorDeps, feed: new LiveFeed(deps.db), onEngaged: deps.onEngaged }));
  app.route('/v1/push', pushRoutes({ ...visitorDeps, allowPrivateEndpoints: ['1', 'true', 'yes'].includes((env.PUSH_ALLOW_PRIVATE_NETWORKS ?? '').toLowerCase()) }));
  api.route('/website', websiteSettingsRoutes(deps.db, deps.origins));
  api.route('/website/identity-verification', identityVerificationRoutes(deps.db, deps.verification));
}
