// The broadcast activity bound to the worker's database and Temporal client.
import type { Client } from '@temporalio/client';
import type { Db } from '@braid/db';
import { createJourneyIndex } from '../routing/journey-index';
import type { BroadcastActivities } from '../workflows/broadcast-contract';
import { enrolBroadcastPage } from './enrol-page';

export function createBroadcastActivities(deps: { db: Db; client?: Client; now?: () => number }): BroadcastActivities {
  // Published versions are immutable: one index per worker caches their programs.
  const index = createJourneyIndex(deps.db);
  return {
    async enrolBroadcastPage({ broadcastId }) {
      if (!deps.client) throw new Error('this worker has no Temporal client to enrol customers with');
      return enrolBroadcastPage({ db: deps.db, client: deps.client, index, ...(deps.now ? { now: deps.now } : {}) }, broadcastId);
    },
  };
}
