// A customer who joins a segment enters the journeys that start on that segment. The join's row
// in segment_changes is the durable order: it is marked routed once every journey answered
// (enrolled or refused by its re-entry rule), so a crash in between is repaired by the next
// upkeep pass, and the join's id as entry event id keeps a second attempt from enrolling twice.
import type { Client } from '@temporalio/client';
import { inArray, segmentChanges, type Db } from '@braid/db';
import type { CustomerEvent } from '@braid/sdk';
import { enrollCustomer } from '../routing/enroll';
import { segmentTriggerKey, type JourneyIndex } from '../routing/journey-index';
import type { Join } from './membership';

export type JoinOutcome =
  | { changeId: number; customerId: string; journeyId: string; kind: 'enrolled'; enrollmentId: string }
  | { changeId: number; customerId: string; journeyId: string; kind: 'notEnrolled'; reason: string; detail: string };

export type EnrolDeps = { db: Db; client: Client; index: JourneyIndex; now?: () => number };

/** The entry event a segment-triggered journey sees (`entry.properties.segmentId` in templates). */
export function segmentEntryEvent(join: Join): CustomerEvent {
  return { id: `segment-join:${join.changeId}`, name: '$segmentEntered', properties: { segmentId: join.segmentId }, timestamp: new Date(join.at).toISOString() };
}

/**
 * Enrols each join into the workspace's active journeys triggered by its segment, `concurrency`
 * at a time; joins whose enrolment could not start (Temporal away) stay unrouted for a retry.
 */
export async function enrolJoins(deps: EnrolDeps, workspaceId: string, joins: readonly Join[], options: { replay?: boolean; concurrency?: number } = {}): Promise<JoinOutcome[]> {
  const outcomes: JoinOutcome[] = [];
  const routed: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < joins.length) {
      const join = joins[next++]!;
      let done = true;
      for (const journey of await deps.index.byTrigger(workspaceId, segmentTriggerKey(join.segmentId))) {
        const result = await enrollCustomer(deps, journey, join.customerId, segmentEntryEvent(join), { replay: options.replay === true });
        const base = { changeId: join.changeId, customerId: join.customerId, journeyId: journey.journeyId };
        if (result.enrolled) outcomes.push({ ...base, kind: 'enrolled', enrollmentId: result.enrollmentId });
        else {
          outcomes.push({ ...base, kind: 'notEnrolled', reason: result.reason, detail: result.detail });
          if (result.reason === 'startFailed') done = false;
        }
      }
      if (done) routed.push(join.changeId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, joins.length) }, lane));
  const now = (deps.now ?? Date.now)();
  for (let i = 0; i < routed.length; i += 500) {
    await deps.db.update(segmentChanges).set({ routedAt: now }).where(inArray(segmentChanges.id, routed.slice(i, i + 500)));
  }
  return outcomes;
}
