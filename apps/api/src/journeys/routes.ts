// Mounts the journeys API on the authenticated /api app.
import type { Db } from '@braid/db';
import type { AdminApi } from '../app';
import { channelSettingsRoutes } from './channel-settings';
import type { JourneyRouteDeps } from './deps';
import { insightRoutes } from './insights';
import { journeyRoutes } from './journeys';
import { nodeTypeRoutes } from './node-types';
import { outboxRoutes } from './outbox';
import { reviewRoutes } from './review';
import { segmentRoutes } from './segments';

export function registerJourneyRoutes(api: AdminApi, deps: JourneyRouteDeps & { db: Db }): void {
  api.route('/journeys', journeyRoutes(deps));
  api.route('/journeys', insightRoutes(deps.db));
  api.route('/journeys', reviewRoutes(deps));
  api.route('/outbox', outboxRoutes(deps.db));
  api.route('/segments', segmentRoutes(deps.db));
  api.route('/channel-settings', channelSettingsRoutes(deps.db));
  if (deps.nodeTypes) api.route('/node-types', nodeTypeRoutes({ registry: deps.nodeTypes, ...(deps.nodePackages ? { packages: deps.nodePackages } : {}) }));
}
