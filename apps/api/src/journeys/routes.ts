// Mounts the journeys API on the authenticated /api app, one registrar per concern.
import type { Db } from '@braid/db';
import type { AdminApi } from '../app';
import { approvalRoutes } from '../approvals/routes';
import { insightRoutes } from '../reports/insights';
import { journeyFileRoutes } from '../journey-files/routes';
import type { JourneyRouteDeps } from './deps';
import { draftRoutes } from './drafts';
import { enrolmentRoutes } from './enrolment';
import { housekeepingRoutes } from './housekeeping';
import { lifecycleRoutes } from './lifecycle';
import { migrationRoutes } from './migration-routes';
import { publishRoutes } from './publishing';
import { reviewRoutes } from './review';
import { versionRoutes } from './versions';

export function registerJourneyRoutes(api: AdminApi, deps: JourneyRouteDeps & { db: Db }): void {
  api.route('/journeys', draftRoutes(deps.db));
  api.route('/journeys', housekeepingRoutes(deps.db, deps.onJourneyChanged));
  api.route('/journeys', approvalRoutes(deps));
  api.route('/journeys', publishRoutes(deps));
  api.route('/journeys', versionRoutes(deps.db));
  api.route('/journeys', enrolmentRoutes(deps));
  api.route('/journeys', lifecycleRoutes(deps));
  api.route('/journeys', insightRoutes(deps.db));
  api.route('/journeys', reviewRoutes(deps));
  api.route('/journeys', migrationRoutes(deps));
  api.route('/journey-files', journeyFileRoutes(deps));
}
