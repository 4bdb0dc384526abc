// routeEvents(events): what the API calls after ingested events are committed. Each event is
// signalled to the customer's active enrollments that listen for it (wait-for-event, goal,
// exit criteria) and enrols the customer into active journeys it triggers.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, enrollments, eq, inArray } from '@braid/db';
import type { Db } from '@braid/db';
import { matchesEvent } from '@braid/journey';
import type { CustomerEvent, Json } from '@braid/sdk';
import { customerEventSignal } from '../workflows/contract';
import { enrollCustomer, type EnrollResult } from './enroll';
import { createJourneyIndex, type ActiveJourney, type JourneyIndex } from './journey-index';
import { enrolJoins } from '../segments/enrol-joins';
import { segmentsAfterEvents } from '../segments/after-events';
import { signalJourneyPaused } from './pause';
import { enrollmentRowColumns, ensureEnrollmentRunning, type EnrollmentRow } from './reconcile';

/** The shape the API's ingestion hands over (IngestedEvent), reduced to what routing reads. */
export type RoutableEvent = {
  workspaceId: string;
  customerId: string;
  event: { id: string; type: string; name: string | null; properties: Record<string, unknown>; timestamp: number };
  /**
   * A second delivery of an event that may have been routed already (durable routing replays
   * after a crash): enrolment first looks for the enrollment this event made.
   */
  replay?: boolean;
};

export type RoutingOutcome =
  | { eventId: string; customerId: string; journeyId: string; kind: 'enrolled'; enrollmentId: string }
  | { eventId: string; customerId: string; journeyId: string; kind: 'notEnrolled'; reason: string; detail: string }
  | { eventId: string; customerId: string; journeyId: string; kind: 'signalled'; enrollmentId: string }
  | {
      eventId: string;
      customerId: string;
      journeyId: string;
      kind: 'signalFailed';
      enrollmentId: string;
      detail: string;
      /** Temporal could not be reached: the event's routing must be tried again. */
      retry: boolean;
    };

/** True when an outcome means the event has not fully reached journeys and must be routed again. */
export function needsRetry(outcome: RoutingOutcome): boolean {
  return (outcome.kind === 'signalFailed' && outcome.retry) || (outcome.kind === 'notEnrolled' && outcome.reason === 'startFailed');
}

export type Router = {
  routeEvents(events: readonly RoutableEvent[]): Promise<RoutingOutcome[]>;
  /** Enrols a customer into one active journey (manual, segment and date triggers). */
  enroll(journey: ActiveJourney, customerId: string, entryEvent: CustomerEvent | null): Promise<EnrollResult>;
  index: JourneyIndex;
  /** Holds (or releases) the customers inside a journey. */
  setPaused(journeyId: string, paused: boolean): Promise<{ signalled: number; gone: number }>;
};

export type RouterDeps = { db: Db; client: Client; index?: JourneyIndex; concurrency?: number; now?: () => number };

export function toCustomerEvent(e: RoutableEvent['event']): CustomerEvent {
  return {
    id: e.id,
    name: e.name ?? e.type,
    properties: e.properties as Record<string, Json>,
    timestamp: new Date(e.timestamp).toISOString(),
  };
}

export function createRouter(deps: RouterDeps): Router {
  const index = deps.index ?? createJourneyIndex(deps.db);
  const concurrency = deps.concurrency ?? 32;

  const ctx = { ...deps, index };

  /** Delivers an event to a running enrollment; a row whose workflow never started is started first. */
  async function signalEnrollment(
    enrollment: EnrollmentRow,
    event: CustomerEvent,
    base: { eventId: string; customerId: string },
  ): Promise<RoutingOutcome> {
    const signal = () => deps.client.workflow.getHandle(enrollment.workflowId).signal(customerEventSignal, event);
    try {
      try {
        await signal();
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        // No workflow: started now if it never was (a crash), else the row is finished with why.
        if ((await ensureEnrollmentRunning(ctx, enrollment)) !== 'restarted') throw error;
        await signal();
      }
      return { ...base, journeyId: enrollment.journeyId, kind: 'signalled', enrollmentId: enrollment.id };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const retry = !(error instanceof WorkflowNotFoundError);
      return { ...base, journeyId: enrollment.journeyId, kind: 'signalFailed', enrollmentId: enrollment.id, detail, retry };
    }
  }

  /** Active enrollments of many customers of one workspace in one query per 500 customers. */
  async function activeEnrollments(workspaceId: string, customerIds: string[]): Promise<Map<string, EnrollmentRow[]>> {
    const byCustomer = new Map<string, EnrollmentRow[]>();
    for (let i = 0; i < customerIds.length; i += 500) {
      const rows = await deps.db
        .select(enrollmentRowColumns)
        .from(enrollments)
        .where(and(eq(enrollments.workspaceId, workspaceId), inArray(enrollments.customerId, customerIds.slice(i, i + 500)), eq(enrollments.status, 'active')));
      for (const row of rows) {
        const list = byCustomer.get(row.customerId);
        if (list) list.push(row);
        else byCustomer.set(row.customerId, [row]);
      }
    }
    return byCustomer;
  }

  /** Preloaded per batch: each customer's active enrollments as they were before its first event. */
  type BatchContext = { active: Map<string, EnrollmentRow[]> };

  async function routeOne(e: RoutableEvent, batch: BatchContext, preloaded: boolean): Promise<RoutingOutcome[]> {
    const out: RoutingOutcome[] = [];
    const event = toCustomerEvent(e.event);
    const base = { eventId: e.event.id, customerId: e.customerId };
    // A customer's later events in the batch must see the enrollment an earlier one made.
    const active = preloaded
      ? (batch.active.get(e.customerId) ?? [])
      : await deps.db
          .select(enrollmentRowColumns)
          .from(enrollments)
          .where(and(eq(enrollments.workspaceId, e.workspaceId), eq(enrollments.customerId, e.customerId), eq(enrollments.status, 'active')));
    for (const enrollment of active) {
      // The enrollment this very event made (a replay) has it as its entry event already.
      if (enrollment.entryEventId === event.id) continue;
      const published = await index.version(enrollment.journeyId, enrollment.version);
      if (!published?.listens.has(event.name)) continue;
      out.push(await signalEnrollment(enrollment, event, base));
    }
    if (e.event.type !== 'track' || !e.event.name) return out;
    for (const journey of await index.byTrigger(e.workspaceId, e.event.name)) {
      if (journey.ir.trigger.kind !== 'event') continue;
      if (active.some((a) => a.journeyId === journey.journeyId && a.entryEventId !== event.id)) continue;
      if (!matchesEvent(journey.ir.trigger.match, event, null)) continue;
      const result = await enrollCustomer(ctx, journey, e.customerId, event, { notActive: true, replay: e.replay === true });
      out.push(
        result.enrolled
          ? { ...base, journeyId: journey.journeyId, kind: 'enrolled', enrollmentId: result.enrollmentId }
          : { ...base, journeyId: journey.journeyId, kind: 'notEnrolled', reason: result.reason, detail: result.detail },
      );
    }
    return out;
  }

  /**
   * The batch's customers against the segments their events (or identify traits) can change, in
   * SQL; a join enrols into the segment's journeys now, and upkeep retries it if this fails.
   */
  async function refreshSegments(events: readonly RoutableEvent[]): Promise<RoutingOutcome[]> {
    const now = (deps.now ?? Date.now)();
    const out: RoutingOutcome[] = [];
    for (const { workspaceId, joins, firstEventOf } of await segmentsAfterEvents(deps.db, events, { now, leaseUntil: now + 60_000 })) {
      for (const o of await enrolJoins(ctx, workspaceId, joins)) {
        const base = { eventId: firstEventOf.get(o.customerId) ?? '', customerId: o.customerId, journeyId: o.journeyId };
        out.push(o.kind === 'enrolled' ? { ...base, kind: 'enrolled', enrollmentId: o.enrollmentId } : { ...base, kind: 'notEnrolled', reason: o.reason, detail: o.detail });
      }
    }
    return out;
  }

  return {
    index,
    enroll: (journey, customerId, entryEvent) => enrollCustomer(ctx, journey, customerId, entryEvent),
    setPaused: (journeyId, paused) => signalJourneyPaused(deps, journeyId, paused),
    async routeEvents(events) {
      // One customer's events in order (enrol, then later events find the enrollment);
      // different customers in parallel.
      const byCustomer = new Map<string, RoutableEvent[]>();
      for (const e of events) {
        const key = `${e.workspaceId}\u0000${e.customerId}`;
        const list = byCustomer.get(key);
        if (list) list.push(e);
        else byCustomer.set(key, [e]);
      }
      const queues = [...byCustomer.values()];
      // Two reads for the whole batch instead of two per customer.
      const batch: BatchContext = { active: new Map() };
      const customersByWorkspace = new Map<string, string[]>();
      for (const queue of queues) {
        const { workspaceId, customerId } = queue[0]!;
        const list = customersByWorkspace.get(workspaceId);
        if (list) list.push(customerId);
        else customersByWorkspace.set(workspaceId, [customerId]);
      }
      for (const [workspaceId, customerIds] of customersByWorkspace) {
        for (const [customerId, rows] of await activeEnrollments(workspaceId, customerIds)) batch.active.set(customerId, rows);
      }
      const results: RoutingOutcome[] = [];
      let next = 0;
      async function lane(): Promise<void> {
        while (next < queues.length) {
          const queue = queues[next++]!;
          let preloaded = true;
          for (const e of queue) {
            const outcomes = await routeOne(e, batch, preloaded);
            if (outcomes.some((o) => o.kind === 'enrolled')) preloaded = false;
            results.push(...outcomes);
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, lane));
      results.push(...(await refreshSegments(events)));
      return results;
    },
  };
}
