// The one interpreter workflow: a customer walking through one published journey version.
// All journey logic lives in the pure interpreter; this file only turns its commands into
// durable Temporal primitives (timers, conditions, activities) and feeds the results back.
import {
  ActivityFailure,
  condition,
  continueAsNew,
  log,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { awaitingCommand, initialState, interpret, moveState } from '@braid/journey/interpreter';
import type { ActivityResult, Command, CustomerEvent, InterpreterInput, Json } from '@braid/sdk';
import {
  channelTaskQueue,
  currentNodeQuery,
  customerEventSignal,
  enrolMarkerId,
  idempotencyKey,
  isPostponed,
  journeyControlSignal,
  migrateSignal,
  type CarriedState,
  type JourneyActivities,
  type JourneyOutcome,
  type JourneyWorkflowInput,
  type MigrationOrder,
  type StepEntry,
  type StepRequest,
} from './contract';

/** The JourneyVersion search attribute (client/search-attributes.ts), which a move updates. */
const JOURNEY_VERSION_KEY = { name: 'JourneyVersion', type: 'INT' } as const;

/** Continue as new well before Temporal's own limits, so replays stay fast. */
const MAX_HISTORY_EVENTS = 2_000;
/** Event ids remembered for de-duplication; older re-deliveries are long past any wait. */
const SEEN_EVENT_IDS = 256;
/** A send held back by caps/quiet hours this many times in a row is recorded as failed. */
const MAX_POSTPONES = 20;

// Retries back off from 1 s to 1 min; after the last one the node's failure path decides.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 };
// A send that has not finished in 30 s is retried (same idempotency key) — also how a crashed worker's sends resume.
const actions = proxyActivities<JourneyActivities>({ startToCloseTimeout: '30 seconds', retry });
// Bookkeeping (step log, the enrollment's final status) runs as local activities: no extra
// round trips through the server, and it retries until the database is back.
const bookkeeping = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds' },
});
const channelActions = new Map<string, JourneyActivities>();
function actionsFor(channel: string | undefined): JourneyActivities {
  if (!channel) return actions;
  let proxy = channelActions.get(channel);
  if (!proxy) {
    proxy = proxyActivities<JourneyActivities>({ startToCloseTimeout: '30 seconds', retry, taskQueue: channelTaskQueue(channel) });
    channelActions.set(channel, proxy);
  }
  return proxy;
}

type State = ReturnType<typeof initialState>;
type Blocking = Extract<Command, { kind: 'sleepUntil' | 'waitForEvent' | 'runActivity' }>;

export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyOutcome> {
  const { ir, enrollment, carried } = input;
  const info = workflowInfo();
  // A start of runtime 1 or later has every change below from its first task: it asks no
  // patch (each first `patched()` of a run costs a marker and a search attribute upsert).
  const runtime = input.runtime ?? 0;
  const has = (patch: 'steps-ride-with-action' | 'postponed-send-reads-events' | 'paused-hold-reads-events' | 'in-flight-migration'): boolean =>
    runtime >= 1 || patched(patch);
  // The enrolling signalWithStart re-delivers the entry event (or a marker when there is none).
  const seen: string[] = carried?.seenEventIds ?? [input.entryEvent?.id ?? enrolMarkerId(enrollment.enrollmentId)];
  const inbox: CustomerEvent[] = [...(carried?.pendingEvents ?? [])];
  let state: State = (carried?.state as State | undefined) ?? initialState(ir);
  let blocking: Blocking | null = (carried?.blocking as Blocking | null | undefined) ?? null;
  let outcome: JourneyOutcome | null = null;
  let logs: StepEntry[] = [];
  let logSeq = 0;

  setHandler(customerEventSignal, (event) => {
    // Ingestion may deliver the same event twice (trigger + active enrollment, retries).
    if (seen.includes(event.id)) return;
    seen.push(event.id);
    if (seen.length > SEEN_EVENT_IDS) seen.splice(0, seen.length - SEEN_EVENT_IDS);
    inbox.push(event);
  });
  let paused = carried?.paused ?? false;
  setHandler(journeyControlSignal, (control) => {
    paused = control.paused;
  });
  let migration: MigrationOrder | null = carried?.migration ?? null;
  setHandler(migrateSignal, (order) => {
    // Only an order for the version this run is on: a repeat after moving finds it moved and is ignored.
    if (order.fromVersion !== enrollment.version || order.toVersion <= enrollment.version || outcome) return;
    // A signal that reached a worker without this handler was dropped there; replaying that
    // history must drop it too, so the order is taken only where the patch marker says so
    // (or where the start's runtime says the handler was there from the beginning).
    if (!has('in-flight-migration')) return;
    migration = order;
  });
  setHandler(currentNodeQuery, () => {
    const stepId = outcome ? null : (blocking?.stepId ?? null);
    return {
      stepId,
      nodeId: stepId ? (ir.nodeOf[stepId] ?? stepId) : null,
      status: outcome ? 'done' : blocking?.kind === 'runActivity' ? (paused && blocking.activity === 'action' ? 'held' : 'running') : 'waiting',
      until: blocking && blocking.kind !== 'runActivity' ? blocking.until : null,
    };
  });

  function feed(next: InterpreterInput): void {
    const out = interpret(ir, state, next);
    state = out.state;
    let newBlocking: Blocking | null = null;
    for (const command of out.commands) {
      switch (command.kind) {
        case 'log':
          logs.push({
            key: `${info.runId}:${logSeq++}`,
            stepId: command.stepId,
            nodeId: ir.nodeOf[command.stepId] ?? command.stepId,
            outcome: command.outcome,
            reason: command.reason,
            at: Date.now(),
          });
          break;
        case 'complete':
          outcome = { reason: command.reason, detail: command.detail, stepId: blocking?.stepId ?? null };
          break;
        case 'error':
          // An input the interpreter ignored (stale timer, late result): it restates its wait next.
          log.warn('interpreter ignored an input', { message: command.message, enrollmentId: enrollment.enrollmentId });
          break;
        case 'sleepUntil':
        case 'waitForEvent':
        case 'runActivity':
          newBlocking = command;
          break;
        default:
          return unreachable(command);
      }
    }
    if (newBlocking) blocking = newBlocking;
    else if (next.kind !== 'event' && !outcome) {
      // Only an event may leave the customer where they were; anything else must move them on.
      outcome = { reason: 'error', detail: `interpreter gave no next step after ${next.kind}`, stepId: blocking?.stepId ?? null };
    }
  }

  async function flushLogs(): Promise<void> {
    if (logs.length === 0) return;
    const entries = logs;
    logs = [];
    await bookkeeping.recordSteps({ enrollment, entries });
  }

  /** Continue as new when the history is long, keeping where the customer is (an idempotent re-run resumes an activity). */
  async function continueAsNewIfLong(): Promise<void> {
    const now = workflowInfo();
    if (now.historyLength > (input.historyLimit ?? MAX_HISTORY_EVENTS) || now.continueAsNewSuggested) {
      await flushLogs();
      const next: CarriedState = {
        state,
        blocking,
        pendingEvents: inbox,
        seenEventIds: seen,
        generation: (carried?.generation ?? 0) + 1,
        paused,
        ...(migration ? { migration } : {}),
      };
      await continueAsNew<typeof journeyWorkflow>({ ...input, carried: next });
    }
  }

  /**
   * Holds a postponed send until `until` while still reading the customer's events: a goal,
   * an exit criterion or a goal's onConvert jump moves them off the step, and then the send
   * must not go out. A pause holds the send past `until`. True when the customer is still at it.
   */
  async function holdPostponed(command: Extract<Command, { kind: 'runActivity' }>, until: number): Promise<boolean> {
    const stillHere = () => !outcome && blocking === command;
    for (;;) {
      for (let event = inbox.shift(); event; event = inbox.shift()) {
        feed({ kind: 'event', now: Date.now(), event });
        if (!stillHere()) return false;
      }
      await flushLogs();
      await continueAsNewIfLong();
      const ms = until - Date.now();
      if (ms > 0) await condition(() => inbox.length > 0, ms);
      else if (paused) await condition(() => inbox.length > 0 || !paused);
      else return true;
    }
  }

  /**
   * Holds a customer before a send while the journey is paused, still reading their events: a
   * goal, an exit criterion or a goal's onConvert jump that arrives during the pause is handled
   * now, not after resume (when the send would go out first). True when they are still at the
   * send and the journey has been resumed.
   */
  async function holdPaused(command: Extract<Command, { kind: 'runActivity' }>): Promise<boolean> {
    const stillHere = () => !outcome && blocking === command;
    for (;;) {
      for (let event = inbox.shift(); event; event = inbox.shift()) {
        feed({ kind: 'event', now: Date.now(), event });
        if (!stillHere()) return false;
      }
      if (!paused) return true;
      await flushLogs();
      await continueAsNewIfLong();
      await condition(() => inbox.length > 0 || !paused);
    }
  }

  /** Null when the customer left the step while the send was postponed (the result must not be fed). */
  async function run(command: Extract<Command, { kind: 'runActivity' }>, steps: StepEntry[] = []): Promise<ActivityResult | null> {
    const request: StepRequest = {
      ...(steps.length > 0 ? { steps } : {}),
      enrollment,
      workflowId: info.workflowId,
      stepId: command.stepId,
      nodeId: ir.nodeOf[command.stepId] ?? command.stepId,
      kindName: command.kindName,
      channel: command.channel ?? null,
      config: lookupConfig(command),
      visit: command.visit,
      entryEvent: input.entryEvent,
      // Outputs of earlier actions (`voucher` ...), kept by the interpreter, for templates.
      variables: command.variables ?? state.variables,
    };
    try {
      if (command.activity === 'lookup') return await actions.lookup(request);
      const proxy = actionsFor(command.channel);
      for (let attempt = 0; attempt < MAX_POSTPONES; attempt++) {
        const result = await proxy.runAction(request);
        if (!(result.ok && isPostponed(result.output))) return result;
        // Frequency cap or quiet hours: hold the customer here and try again at the allowed time.
        if (has('postponed-send-reads-events')) {
          if (!(await holdPostponed(command, Math.max(result.output.postponedUntil, Date.now() + 1)))) return null;
        } else {
          await sleep(Math.max(1, result.output.postponedUntil - Date.now()));
        }
      }
      return { ok: false, error: `still held back by frequency cap or quiet hours after ${MAX_POSTPONES} tries` };
    } catch (err) {
      // Steps that rode with an activity that never succeeded are recorded by the next flush
      // (their keys are deterministic: recording them twice inserts nothing new).
      if (steps.length > 0) logs = [...steps, ...logs];
      // Retries are exhausted: the node's failure path (continue, exit, goto) decides.
      const cause = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
      return { ok: false, error: cause };
    }
  }

  /**
   * Applies a pending migration order to a waiting customer: when the step they wait at is
   * mapped onto a compatible step of the new version, the move is recorded and the workflow
   * continues as new on the new program at that step (so it happens once: the next run is on
   * the new version and ignores the order). Otherwise they stay, and the order is dropped.
   */
  async function moveIfMapped(): Promise<void> {
    const order = migration;
    migration = null;
    if (!order || !blocking || blocking.kind === 'runActivity' || outcome) return;
    const fromStep = blocking.stepId;
    const toStep = Object.prototype.hasOwnProperty.call(order.steps, fromStep) ? order.steps[fromStep] : undefined;
    const moved = toStep ? moveState(state, ir, order.ir, toStep, Date.now()) : null;
    const nextBlocking = moved ? awaitingCommand(moved) : null;
    if (!moved || !toStep || !nextBlocking) return;
    await flushLogs();
    const to = { ...enrollment, version: order.toVersion, versionId: order.toVersionId };
    await bookkeeping.recordMove({
      from: enrollment,
      to,
      migrationId: order.migrationId,
      key: `${info.runId}:moved`,
      fromNodeId: ir.nodeOf[fromStep] ?? fromStep,
      toNodeId: order.ir.nodeOf[toStep] ?? toStep,
      at: Date.now(),
    });
    const next: CarriedState = {
      state: moved,
      blocking: nextBlocking,
      pendingEvents: inbox,
      seenEventIds: seen,
      generation: (carried?.generation ?? 0) + 1,
      paused,
    };
    // Visibility follows the customer: listing the journey's version finds them on the new one.
    const moveOn = makeContinueAsNewFunc<typeof journeyWorkflow>({
      typedSearchAttributes: workflowInfo().typedSearchAttributes.updateCopy([{ key: JOURNEY_VERSION_KEY, value: order.toVersion }]),
    });
    await moveOn({ ...input, enrollment: to, ir: order.ir, carried: next });
  }

  /** An engagement check finds the message it asks about by that send's idempotency key. */
  function lookupConfig(command: Extract<Command, { kind: 'runActivity' }>): Json {
    const config = command.config;
    if (command.activity !== 'lookup' || typeof config !== 'object' || config === null || Array.isArray(config)) return config;
    if (config.kind !== 'engagement' || typeof config.stepId !== 'string') return config;
    const nodeId = ir.nodeOf[config.stepId] ?? config.stepId;
    return { ...config, targetKey: idempotencyKey(info.workflowId, enrollment.enrollmentId, nodeId, Number(config.visit ?? 0)) };
  }

  if (!carried) {
    feed({ kind: 'start', now: Date.now(), entryEvent: input.entryEvent, traits: input.traits, seed: input.seed });
  }

  while (!outcome) {
    if (!blocking) {
      outcome = { reason: 'error', detail: 'interpreter gave no step to run', stepId: null };
      break;
    }
    if (blocking.kind === 'runActivity') {
      // The steps entered so far ride with the activity, which records them before it acts:
      // one database write and one local activity fewer per action than flushing them first.
      const ride = has('steps-ride-with-action');
      if (!ride) await flushLogs();
      // A paused journey holds its customers here, before anything is sent or changed.
      if (paused && blocking.activity === 'action') {
        if (has('paused-hold-reads-events')) {
          // Left the step during the pause (goal, exit, jump): the loop picks up wherever they are now.
          if (!(await holdPaused(blocking))) continue;
        } else {
          await condition(() => !paused);
        }
      }
      const stepId = blocking.stepId;
      const steps = ride ? logs.splice(0) : [];
      const result = await run(blocking, steps);
      if (result) feed({ kind: 'activityResult', now: Date.now(), stepId, result });
      continue;
    }
    // Waiting: goals, exit criteria and wait-for-event all react to events as they come.
    const event = inbox.shift();
    if (event) {
      feed({ kind: 'event', now: Date.now(), event });
      continue;
    }
    if (migration) await moveIfMapped();
    await flushLogs();
    await continueAsNewIfLong();
    const ms = blocking.until - Date.now();
    // A migration order wakes a waiting customer (it is only ever set on histories that know it).
    const woken = () => inbox.length > 0 || migration !== null;
    if (!Number.isFinite(ms)) {
      await condition(woken);
      continue;
    }
    if (ms > 0 && (await condition(woken, ms))) continue;
    feed({ kind: 'timer', now: Date.now() });
  }

  await flushLogs();
  await bookkeeping.finishEnrollment({ enrollment, outcome });
  return outcome;
}

function unreachable(value: never): never {
  throw new Error(`unexpected interpreter command ${JSON.stringify(value)}`);
}
