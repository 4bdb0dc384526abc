// Single-customer simulation: a scripted timeline (events at times, activity outcomes, lookup
// answers) through the real interpreter on a virtual clock → the path taken, with timestamps
// and the reason for each branch. Powers tests and the canvas "test run".
import type { ActivityResult, CustomerEvent, Json, JourneyIR, LookupAnswer } from '@braid/sdk';
import type { ScheduledEvent } from './drive';
import { drive, eventQueue, MAX_INPUTS } from './drive';
import type { InterpreterErrorCode } from './interpret';
import { chooseBestChannel, type ChannelStats } from './best-channel-score';
import { matchesFilters } from './match';
import type { CompletionReason, JourneyState } from './state';

export type Engagement = 'delivered' | 'opened' | 'clicked' | 'replied';

export type ScriptedEvent = {
  /** Milliseconds after the customer enters. */
  after: number;
  name: string;
  properties?: Record<string, Json>;
  /** Profile changes that arrive with the event (e.g. the address typed at checkout). */
  traits?: Record<string, Json>;
};

export type SingleScenario = {
  /** Entry time, ISO or epoch ms. Default 2026-01-05T03:00:00Z (10:00 in Hà Nội). */
  startAt?: string | number;
  entryEvent?: { name: string; properties?: Record<string, Json> } | null;
  traits?: Record<string, Json>;
  seed?: number;
  events?: ScriptedEvent[];
  /** Outcome of actions by node id (default success). A failure is `{ ok: false, error }`. */
  actions?: Record<string, ActivityResult>;
  /** Answers for conditions by node id; overrides everything below. */
  lookups?: Record<string, LookupAnswer>;
  /** Engagement with messages by message node id, e.g. `{ email: ['delivered', 'opened'] }`. */
  engagement?: Record<string, Engagement[]>;
  segments?: string[];
  bestChannel?: string | null;
  /**
   * The customer's message history for best-channel choices (without it and without
   * `bestChannel`, the channels their profile has an address for, with no history), scored by the same function the
   * worker uses (counts taken as recent: no decay). Wins over `bestChannel` when given.
   */
  channelHistory?: ChannelHistory;
  /** The hour of day (0-23, their time) they usually answer, for "wait until their usual hour"; none: the configured hour. */
  usualHour?: number | null;
  /** Stop after this long (ms) if the customer is still in the journey. Default 400 days. */
  horizonMs?: number;
};

export type ChannelHistory = {
  /** Channels the customer has an address on. */
  reachable: string[];
  /** Channels they subscribed to; default: every reachable one. */
  consented?: string[];
  channels: { channel: string; sends: number; opened: number; clicked?: number; replied?: number; converted?: number }[];
};

export type PathEntry = {
  at: string;
  /** Milliseconds since entry. */
  elapsedMs: number;
  nodeId: string | null;
  stepId: string;
  what: 'entered' | 'left' | 'converted' | 'exited' | 'action' | 'lookup' | 'error';
  reason: string;
};

/**
 * Why a simulation could not go on as scripted, with a code and params a UI words in its own
 * language (`message` is the same in English, for logs and tests).
 */
export type SimulationProblem = {
  code: InterpreterErrorCode | 'tooManyInputs' | 'noAnswer';
  params: Record<string, string>;
  /** The canvas node it happened at, when there is one. */
  nodeId: string | null;
  message: string;
};

export type SingleResult = {
  path: PathEntry[];
  /** Node ids in the order entered (convenient for assertions). */
  nodesVisited: string[];
  converted: boolean;
  outcome: { status: 'completed'; reason: CompletionReason; detail: string; at: string } | { status: 'stillWaiting'; at: string; stepId: string | null };
  finalState: JourneyState;
  errors: string[];
  problems: SimulationProblem[];
};

const DEFAULT_START = Date.parse('2026-01-05T03:00:00.000Z');
const DAY = 86_400_000;

function toMs(v: string | number | undefined): number {
  if (v === undefined) return DEFAULT_START;
  return typeof v === 'number' ? v : Date.parse(v);
}

function toEvent(name: string, properties: Record<string, Json>, at: number, id: string): CustomerEvent {
  return { id, name, properties, timestamp: new Date(at).toISOString() };
}

const IMPLIES: Record<Engagement, Engagement[]> = {
  delivered: ['delivered'],
  opened: ['opened', 'delivered'],
  clicked: ['clicked', 'opened', 'delivered'],
  replied: ['replied', 'opened', 'delivered'],
};

/** Engagement implies the weaker ones: a click means it was opened and delivered. */
export function hasEngagement(recorded: readonly Engagement[], wanted: Engagement): boolean {
  return recorded.some((r) => IMPLIES[r]?.includes(wanted));
}

export function simulate(ir: JourneyIR, scenario: SingleScenario = {}): SingleResult {
  const startAt = toMs(scenario.startAt);
  const entry = scenario.entryEvent === null ? null : toEvent(scenario.entryEvent?.name ?? 'Entered', scenario.entryEvent?.properties ?? {}, startAt, 'entry');
  const traits: Record<string, Json> = { ...(scenario.traits ?? {}) };
  const scheduled: (ScheduledEvent & { traits?: Record<string, Json> })[] = (scenario.events ?? []).map((e, i) => ({
    at: startAt + e.after,
    event: toEvent(e.name, e.properties ?? {}, startAt + e.after, `e${i + 1}`),
    ...(e.traits ? { traits: e.traits } : {}),
  }));
  const queue = eventQueue(scheduled);
  const happened: ScheduledEvent[] = entry ? [{ at: startAt, event: entry }] : [];
  const path: PathEntry[] = [];
  const problems: SimulationProblem[] = [];
  const nodeOfStep = (stepId: string | undefined): string | null => (stepId ? (ir.nodeOf[stepId] ?? null) : null);
  const entryOf = (stepId: string, now: number, what: PathEntry['what'], reason: string): PathEntry => ({
    at: new Date(now).toISOString(),
    elapsedMs: now - startAt,
    nodeId: ir.nodeOf[stepId] ?? null,
    stepId,
    what,
    reason,
  });

  const answer = (value: LookupAnswer): ActivityResult => ({ ok: true, output: value as Json });

  const result = drive(ir, {
    takeEventUntil(until) {
      const next = queue.take(until);
      if (next) {
        happened.push(next);
        const t = (next as { traits?: Record<string, Json> }).traits;
        if (t) Object.assign(traits, t);
      }
      return next;
    },
    runAction(cmd, now) {
      const nodeId = ir.nodeOf[cmd.stepId] ?? cmd.stepId;
      const r = scenario.actions?.[nodeId] ?? { ok: true as const, output: defaultActionOutput(cmd.kindName, nodeId) };
      path.push(entryOf(cmd.stepId, now, 'action', `${cmd.kindName}${cmd.channel ? ` (${cmd.channel})` : ''}: ${r.ok ? 'ok' : `failed: ${r.error}`}`));
      return r;
    },
    runLookup(cmd, now, state) {
      const nodeId = ir.nodeOf[cmd.stepId] ?? cmd.stepId;
      const scripted = scenario.lookups?.[nodeId];
      if (scripted !== undefined) return answer(scripted);
      const c = cmd.config as Record<string, Json>;
      switch (cmd.kindName) {
        case 'trait':
          return answer({ matched: matchesFilters((c.filters ?? []) as never, traits, state.entryEvent, c.all !== false) });
        case 'eventCount': {
          const windowMs = Number(c.windowMs ?? 0);
          const n = happened.filter((h) => h.at >= now - windowMs && h.at <= now && h.event.name === c.event && matchesFilters((c.where ?? []) as never, h.event.properties, state.entryEvent)).length;
          return answer({ matched: compareCount(String(c.op), n, Number(c.count)) });
        }
        case 'segment':
          return answer({ matched: (scenario.segments ?? []).includes(String(c.segmentId)) });
        case 'engagement': {
          const messageNode = ir.nodeOf[String(c.stepId)] ?? String(c.stepId);
          const visited = (state.visits[String(c.stepId)] ?? 0) > 0;
          return answer({ matched: visited && hasEngagement(scenario.engagement?.[messageNode] ?? [], c.status as Engagement) });
        }
        case 'bestChannel':
          if (scenario.channelHistory) return answer(historyAnswer(scenario.channelHistory, c));
          // A test customer without scripted history is reachable where their profile has an address.
          if (scenario.bestChannel === undefined) return answer(historyAnswer({ reachable: reachableFromTraits(traits), channels: [] }, c));
          return answer(scenario.bestChannel ? { channel: scenario.bestChannel } : { port: 'fallback' });
        case 'usualHour':
          return answer(typeof scenario.usualHour === 'number' ? { port: `h${scenario.usualHour}` } : { port: 'fallback' });
        // A test run's customer is subscribed unless the scenario scripts this node's answer.
        case 'consent':
          return answer({ matched: true });
        default: {
          const error = `no answer scripted for ${cmd.kindName}`;
          problems.push({ code: 'noAnswer', params: { kind: cmd.kindName }, nodeId, message: error });
          return { ok: false, error };
        }
      }
    },
  }, {
    startAt,
    entryEvent: entry,
    traits,
    seed: scenario.seed ?? 1,
    horizon: startAt + (scenario.horizonMs ?? 400 * DAY),
    onCommands(commands, now) {
      for (const c of commands) {
        if (c.kind === 'log') path.push(entryOf(c.stepId, now, c.outcome, c.reason));
        else if (c.kind === 'error') {
          path.push({ ...entryOf('', now, 'error', c.message), nodeId: null });
          const params = c.params ?? {};
          problems.push({ code: (c.code as InterpreterErrorCode | undefined) ?? 'internal', params, nodeId: nodeOfStep(params.stepId), message: c.message });
        }
      }
    },
  });

  if (result.exhausted) problems.push({ code: 'tooManyInputs', params: { max: String(MAX_INPUTS) }, nodeId: null, message: result.errors[result.errors.length - 1] ?? '' });
  const s = result.state;
  const nodesVisited: string[] = [];
  for (const p of path) if (p.what === 'entered' && p.nodeId) nodesVisited.push(p.nodeId);
  return {
    path,
    nodesVisited,
    converted: s.converted,
    outcome: s.completion
      ? { status: 'completed', reason: s.completion.reason, detail: s.completion.detail, at: new Date(s.completion.at).toISOString() }
      : { status: 'stillWaiting', at: new Date(result.now).toISOString(), stepId: s.stepId },
    finalState: s,
    errors: result.errors,
    problems,
  };
}

export function compareCount(op: string, n: number, count: number): boolean {
  switch (op) {
    case 'greaterThan':
      return n > count;
    case 'equals':
      return n === count;
    case 'lessThan':
      return n < count;
    case 'lessOrEqual':
      return n <= count;
    default:
      return n >= count;
  }
}

/** Plausible outputs so later templates and variables behave as in production. */
export function defaultActionOutput(kind: string, nodeId: string): Json {
  if (kind === 'issue-voucher') return { code: `SIM-${nodeId.toUpperCase()}`, expiresAt: null };
  if (kind === 'send-message') return { messageId: `sim-${nodeId}`, status: 'sent' };
  return null;
}

/** The worker's decision rule on scripted counts, with the same reason text for the trace. */
function historyAnswer(h: ChannelHistory, c: Record<string, Json>): LookupAnswer {
  const offered = Array.isArray(c.channels) ? c.channels.map(String) : [];
  const stats: ChannelStats[] = h.channels.map((x) => {
    const counts = { sends: x.sends, opened: x.opened, clicked: x.clicked ?? 0, replied: x.replied ?? 0, converted: x.converted ?? 0 };
    return { channel: x.channel, ...counts, weighted: { ...counts } };
  });
  const d = chooseBestChannel({
    offered,
    stats,
    reachable: h.reachable,
    consented: h.consented ?? h.reachable,
    minSends: typeof c.minSends === 'number' ? c.minSends : 3,
    windowDays: typeof c.windowDays === 'number' ? c.windowDays : 90,
  });
  const why = `${d.text.vi} · ${d.text.en}`;
  return d.channel ? { channel: d.channel, why } : { port: 'fallback', why };
}

/** Profile fields that give each channel an address, as the worker reads them when no identity is stored. */
const ADDRESS_TRAITS: Record<string, string[]> = {
  email: ['email'],
  sms: ['phone'],
  zalo: ['zalo_id', 'zaloId'],
  messenger: ['facebook_psid', 'facebookPsid'],
  push: ['push_token'],
};

function reachableFromTraits(traits: Record<string, Json>): string[] {
  const out = Object.entries(ADDRESS_TRAITS)
    .filter(([, names]) => names.some((n) => typeof traits[n] === 'string' && (traits[n] as string).trim() !== ''))
    .map(([channel]) => channel);
  // On-site messages reach anyone who visits.
  return [...out, 'web'];
}
