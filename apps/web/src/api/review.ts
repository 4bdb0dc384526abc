// The publish review, customers in flight and publish / rollback results, read from the wire.
import type { GraphDiff } from '@braid/journey';
import type { MigrationPlan } from './migration';
import { http } from './http';
import { list, num, obj, str, unwrap } from './normalize';
import type { JourneyVersion } from './types';

export type InFlight = { customers: number; versions: { version: number; customers: number; waiting: { nodeId: string | null; customers: number }[] }[] };
export type ForecastFigures = { customers: number; conversions: number; conversionRate: number; medianTimeToConvertMs: number | null; perNode: { nodeId: string; customers: number }[] };
export type PublishReview = {
  live: { version: number; authorName: string | null; createdAt: number | null } | null;
  draftRevision: number;
  hasChanges: boolean;
  changes: GraphDiff;
  problems: number;
  inFlight: InFlight;
  forecast: { customers: number; eventRatePerDay: number; horizonDays: number; next: ForecastFigures; live: ForecastFigures | null } | null;
};
/** `unchanged`: nothing was published, the live version already had this content. */
export type PublishOutcome = { version: JourneyVersion; unchanged: boolean; activeVersion: number | null };

const path = (id: string, rest: string) => `/api/journeys/${encodeURIComponent(id)}/${rest}`;

export function toInFlight(value: unknown): InFlight {
  const o = obj(value);
  return {
    customers: num(o, 'customers') ?? 0,
    versions: list(o.versions).map((v) => {
      const x = obj(v);
      return {
        version: num(x, 'version') ?? 0,
        customers: num(x, 'customers') ?? 0,
        waiting: list(x.waiting).map((w) => ({ nodeId: str(obj(w), 'nodeId'), customers: num(obj(w), 'customers') ?? 0 })),
      };
    }),
  };
}

function toFigures(value: unknown): ForecastFigures | null {
  if (!value) return null;
  const o = obj(value);
  return {
    customers: num(o, 'customers') ?? 0,
    conversions: num(o, 'conversions') ?? 0,
    conversionRate: num(o, 'conversionRate') ?? 0,
    medianTimeToConvertMs: num(o, 'medianTimeToConvertMs'),
    perNode: list(o.perNode).map((p) => ({ nodeId: str(obj(p), 'nodeId') ?? '', customers: num(obj(p), 'customers') ?? 0 })),
  };
}

export function toDiff(value: unknown): GraphDiff {
  const o = obj(value);
  return {
    added: list(o.added) as GraphDiff['added'],
    removed: list(o.removed) as GraphDiff['removed'],
    changed: list(o.changed) as GraphDiff['changed'],
    rewired: list(o.rewired) as GraphDiff['rewired'],
    same: o.same === true,
  };
}

export function toOutcome(value: unknown): PublishOutcome {
  const o = obj(value);
  const author = str(o, 'authorName', 'author');
  return {
    version: { version: num(o, 'version') ?? 0, note: str(o, 'note') ?? '', author, createdAt: num(o, 'createdAt') },
    unchanged: o.unchanged === true,
    activeVersion: num(unwrap(o, 'journey'), 'activeVersion'),
  };
}

export const reviewApi = {
  async review(id: string): Promise<PublishReview> {
    const o = obj(await http.get(path(id, 'publish-review')));
    const live = o.live ? obj(o.live) : null;
    const f = o.forecast ? obj(o.forecast) : null;
    const assumptions = obj(f?.assumptions);
    return {
      live: live ? { version: num(live, 'version') ?? 0, authorName: str(live, 'authorName'), createdAt: num(live, 'createdAt') } : null,
      draftRevision: num(o, 'draftRevision') ?? 0,
      hasChanges: o.hasChanges !== false,
      changes: toDiff(o.changes),
      problems: num(o, 'problems') ?? 0,
      inFlight: toInFlight(o.inFlight),
      forecast: f && {
        customers: num(assumptions, 'customers') ?? 0,
        eventRatePerDay: num(assumptions, 'eventRatePerDay') ?? 0,
        horizonDays: num(assumptions, 'horizonDays') ?? 0,
        next: toFigures(f.next) ?? toFigures({})!,
        live: toFigures(f.live),
      },
    };
  },
  async inFlight(id: string): Promise<InFlight> {
    return toInFlight(await http.get(path(id, 'in-flight')));
  },
  /** `activeVersion`: the live version the reviewer saw; another one live by now is a 409. */
  async publish(id: string, note: string, activeVersion: number | null, revision?: number, migration?: MigrationPlan): Promise<PublishOutcome> {
    return toOutcome(await http.post(path(id, 'publish'), { note, activeVersion, ...(revision === undefined ? {} : { revision }), ...(migration ? { migration } : {}) }));
  },
  async rollback(id: string, version: number, activeVersion: number | null): Promise<PublishOutcome> {
    return toOutcome(await http.post(path(id, 'rollback'), { version, activeVersion }));
  },
  async archive(id: string): Promise<void> {
    await http.post(path(id, 'archive'));
  },
};
