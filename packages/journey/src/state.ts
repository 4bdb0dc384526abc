// Interpreter state: everything one enrollment remembers between inputs. Plain JSON so the
// Temporal workflow can carry it through continueAsNew and the simulator can snapshot it.
import type { CustomerEvent, Json, JourneyIR } from '@braid/sdk';

export const STATE_VERSION = 1 as const;

export type Awaiting =
  | { kind: 'sleep'; stepId: string; until: number }
  | { kind: 'event'; stepId: string; until: number }
  | { kind: 'activity'; stepId: string; activity: 'action' | 'lookup'; visit: number };

export type CompletionReason = 'end' | 'goal' | 'exitCriteria' | 'failed' | 'error';

export type JourneyState = {
  stateVersion: typeof STATE_VERSION;
  journeyId: string;
  version: number;
  status: 'new' | 'active' | 'completed';
  /** Step the customer is on. */
  stepId: string | null;
  awaiting: Awaiting | null;
  /** Times each step was entered; the visit number is part of every idempotency key. */
  visits: Record<string, number>;
  enteredAt: number;
  entryEvent: CustomerEvent | null;
  /** From the `timezone` trait at entry; time windows fall back to their own default. */
  timezone: string | null;
  /** mulberry32 state: the only source of randomness. */
  rng: number;
  converted: boolean;
  convertedAt: number | null;
  /** Outputs of earlier actions by template variable, e.g. `{ voucher: { code } }`. */
  variables: Record<string, Json>;
  completion: { reason: CompletionReason; detail: string; at: number } | null;
};

/** A fresh, not-yet-started state; feed it a `start` input. */
export function initialState(ir: Pick<JourneyIR, 'journeyId' | 'version'>): JourneyState {
  return {
    stateVersion: STATE_VERSION,
    journeyId: ir.journeyId,
    version: ir.version,
    status: 'new',
    stepId: null,
    awaiting: null,
    visits: {},
    enteredAt: 0,
    entryEvent: null,
    timezone: null,
    rng: 0,
    converted: false,
    convertedAt: null,
    variables: {},
    completion: null,
  };
}
