// Cohort simulation: N synthetic customers with probabilistic behaviour through the real
// interpreter → per-node counts and conversions. A forecast a marketer can read before publishing.
import type { ActivityResult, CustomerEvent, Json, JourneyIR } from '@braid/sdk';
import type { ScheduledEvent } from './drive';
import { drive } from './drive';
import { matchesFilters } from './match';
import { createRandom } from './prng';
import type { Engagement } from './simulate';
import { compareCount, defaultActionOutput } from './simulate';
import type { CompletionReason } from './state';

export type CohortBehaviour = {
  /** Something customers do on their own, independently, at a steady daily rate. */
  name: string;
  /** Chance per day that a customer does it at least once (0–1). */
  probabilityPerDay: number;
  properties?: Record<string, Json>;
  /** Copy the entry event's properties (e.g. cart_id) so "this cart" matches. Default true. */
  sameAsEntry?: boolean;
  /** Only after this many ms since entry (e.g. browsing resumes after a week). */
  afterMs?: number;
};

export type CohortScenario = {
  customers: number;
  seed?: number;
  startAt?: string | number;
  entryEvent?: { name: string; properties?: Record<string, Json> } | null;
  traits?: Record<string, Json>;
  behaviours?: CohortBehaviour[];
  /** Chance a message reaches each engagement level, per channel (or `default`). */
  engagement?: Partial<Record<string, Partial<Record<Engagement, number>>>>;
  /** Chance each condition node answers yes (trait, segment checks) — by node id; default 0.5. */
  conditionYes?: Record<string, number>;
  /** Weights of each channel being a customer's best one; missing weight = fallback. */
  bestChannel?: Record<string, number>;
  /** Chance an action fails after retries. Default 0. */
  actionFailureRate?: number;
  /** How long to follow each customer. Default 60 days. */
  horizonMs?: number;
};

export type NodeCount = { customers: number; visits: number };

export type CohortResult = {
  customers: number;
  perNode: Record<string, NodeCount>;
  conversions: number;
  conversionRate: number;
  completed: Partial<Record<CompletionReason, number>>;
  stillInJourney: number;
  /** Where the customers still in the journey wait at the end of the horizon, by node. */
  waitingAt: Record<string, number>;
  /** Median time from entry to conversion, for converted customers. */
  medianTimeToConvertMs: number | null;
  errors: number;
};

const DAY = 86_400_000;
const DEFAULT_ENGAGEMENT: Record<Engagement, number> = { delivered: 0.97, opened: 0.3, clicked: 0.06, replied: 0.03 };

export function simulateCohort(ir: JourneyIR, scenario: CohortScenario): CohortResult {
  const rand = createRandom(scenario.seed ?? 42);
  const startAt = scenario.startAt === undefined ? Date.parse('2026-01-05T03:00:00.000Z') : typeof scenario.startAt === 'number' ? scenario.startAt : Date.parse(scenario.startAt);
  const horizonMs = scenario.horizonMs ?? 60 * DAY;
  const behaviours = scenario.behaviours ?? [];
  const rates = behaviours.map((b) => (b.probabilityPerDay >= 1 ? Infinity : -Math.log(1 - Math.max(0, b.probabilityPerDay)) / DAY));
  const engagementByChannel = new Map<string, Record<Engagement, number>>();
  const engagementFor = (channel: string): Record<Engagement, number> => {
    let probs = engagementByChannel.get(channel);
    if (!probs) {
      probs = { ...DEFAULT_ENGAGEMENT, ...(scenario.engagement?.default ?? {}), ...(scenario.engagement?.[channel] ?? {}) } as Record<Engagement, number>;
      engagementByChannel.set(channel, probs);
    }
    return probs;
  };
  const bestTotal = Object.values(scenario.bestChannel ?? {}).reduce((a, b) => a + b, 0);
  const perNode: Record<string, NodeCount> = {};
  const completed: Partial<Record<CompletionReason, number>> = {};
  const convertTimes: number[] = [];
  let stillInJourney = 0;
  const waitingAt: Record<string, number> = {};
  let errors = 0;
  const entryProps = scenario.entryEvent?.properties ?? {};
  const entry: CustomerEvent | null =
    scenario.entryEvent === null ? null : { id: 'entry', name: scenario.entryEvent?.name ?? 'Entered', properties: entryProps, timestamp: new Date(startAt).toISOString() };
  // One immutable event per behaviour, shared by every customer (the interpreter never mutates events).
  const eventsOf: CustomerEvent[] = behaviours.map((b) => ({
    id: b.name,
    name: b.name,
    properties: b.sameAsEntry === false ? { ...(b.properties ?? {}) } : { ...entryProps, ...(b.properties ?? {}) },
    timestamp: '',
  }));

  for (let c = 0; c < scenario.customers; c++) {
    // Each customer's spontaneous events: one stream per behaviour with exponential gaps,
    // drawn lazily — most customers leave early, so most events are never needed.
    const nextAt = rates.map((rate, i) => (rate > 0 ? startAt + (behaviours[i]!.afterMs ?? 0) + (rate === Infinity ? 0 : -Math.log(1 - rand()) / rate) : Infinity));
    const drawn = behaviours.map(() => 0);
    const end = startAt + horizonMs;
    const queue = {
      take(until: number): ScheduledEvent | null {
        let best = -1;
        for (let i = 0; i < nextAt.length; i++) if (nextAt[i]! <= until && nextAt[i]! <= end && (best < 0 || nextAt[i]! < nextAt[best]!)) best = i;
        if (best < 0) return null;
        const at = nextAt[best]!;
        const rate = rates[best]!;
        drawn[best]!++;
        nextAt[best] = rate === Infinity || drawn[best]! >= 50 ? Infinity : at - Math.log(1 - rand()) / rate;
        return { at, event: eventsOf[best]! };
      },
    };
    const engagementDraws = new Map<string, number>();
    const happened: ScheduledEvent[] = entry ? [{ at: startAt, event: entry }] : [];

    const result = drive(
      ir,
      {
        takeEventUntil(until) {
          const e = queue.take(until);
          if (e) happened.push(e);
          return e;
        },
        runAction(cmd): ActivityResult {
          if (scenario.actionFailureRate && rand() < scenario.actionFailureRate) return { ok: false, error: 'simulated failure' };
          return { ok: true, output: defaultActionOutput(cmd.kindName, cmd.stepId) };
        },
        runLookup(cmd, now): ActivityResult {
          const cfg = cmd.config as Record<string, Json>;
          const nodeId = ir.nodeOf[cmd.stepId] ?? cmd.stepId;
          switch (cmd.kindName) {
            case 'engagement': {
              const stepId = String(cfg.stepId);
              const msgStep = ir.steps[stepId];
              const channel = (msgStep?.type === 'action' && msgStep.channel) || 'default';
              const probs = engagementFor(channel);
              // One draw per message, so "opened?" and "clicked?" agree (a click implies an open).
              let u = engagementDraws.get(stepId);
              if (u === undefined) {
                u = rand();
                engagementDraws.set(stepId, u);
              }
              const wanted = cfg.status as Engagement;
              return { ok: true, output: { matched: Number(cfg.visit ?? 0) > 0 && u < (probs[wanted] ?? 0) } };
            }
            case 'eventCount': {
              const windowMs = Number(cfg.windowMs ?? 0);
              let n = 0;
              for (const h of happened)
                if (h.at >= now - windowMs && h.at <= now && h.event.name === cfg.event && matchesFilters((cfg.where ?? []) as never, h.event.properties, entry)) n++;
              return { ok: true, output: { matched: compareCount(String(cfg.op), n, Number(cfg.count)) } };
            }
            case 'bestChannel': {
              let x = rand() * Math.max(1, bestTotal);
              for (const [ch, w] of Object.entries(scenario.bestChannel ?? {})) {
                x -= w;
                if (x < 0) return { ok: true, output: { channel: ch } };
              }
              return { ok: true, output: { port: 'fallback' } };
            }
            // Cohorts have no per-customer history: everyone waits for the configured hour.
            case 'usualHour':
              return { ok: true, output: { port: 'fallback' } };
            default:
              return { ok: true, output: { matched: rand() < (scenario.conditionYes?.[nodeId] ?? 0.5) } };
          }
        },
      },
      { startAt, entryEvent: entry, traits: scenario.traits ?? {}, seed: (rand() * 2 ** 32) >>> 0, horizon: startAt + horizonMs, log: false },
    );
    const s = result.state;
    if (result.errors.length) errors++;
    for (const stepId in s.visits) {
      const v = s.visits[stepId]!;
      const nodeId = ir.nodeOf[stepId] ?? stepId;
      const n = (perNode[nodeId] ??= { customers: 0, visits: 0 });
      n.customers++;
      n.visits += v;
    }
    if (s.converted && s.convertedAt !== null) convertTimes.push(s.convertedAt - startAt);
    if (s.completion) completed[s.completion.reason] = (completed[s.completion.reason] ?? 0) + 1;
    else {
      stillInJourney++;
      const node = s.stepId ? (ir.nodeOf[s.stepId] ?? s.stepId) : '(not started)';
      waitingAt[node] = (waitingAt[node] ?? 0) + 1;
    }
  }
  convertTimes.sort((a, b) => a - b);
  return {
    customers: scenario.customers,
    perNode,
    conversions: convertTimes.length,
    conversionRate: scenario.customers ? convertTimes.length / scenario.customers : 0,
    completed,
    stillInJourney,
    waitingAt,
    medianTimeToConvertMs: convertTimes.length ? convertTimes[Math.floor(convertTimes.length / 2)]! : null,
    errors,
  };
}
