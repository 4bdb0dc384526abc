// The forecast shown before publishing: the cohort simulator (the same interpreter as the
// runtime, on a virtual clock) run on the new version and on the live one with one scenario,
// so a reviewer compares like with like. Deterministic (fixed seed): reopening the dialog
// shows the same figures.
import { simulateCohort, type CohortResult } from '@braid/journey';
import type { JourneyIR } from '@braid/sdk';

export const FORECAST_CUSTOMERS = 1000;
/** Chance per day that a customer does each event the journey waits for (the test run's default). */
export const FORECAST_EVENT_RATE = 0.1;
export const FORECAST_HORIZON_DAYS = 60;

export type Forecast = {
  customers: number;
  conversions: number;
  conversionRate: number;
  medianTimeToConvertMs: number | null;
  stillInJourney: number;
  /** Customers reaching each step, by node id. */
  perNode: { nodeId: string; customers: number }[];
};

/** Events the journey reacts to after entry: waits, goal, event-count conditions. */
function awaitedEvents(ir: JourneyIR): string[] {
  const names = new Set<string>();
  for (const step of Object.values(ir.steps)) {
    if (step.type === 'wait' && step.wait.kind === 'event') names.add(step.wait.match.event);
    if (step.type === 'branch' && step.condition.kind === 'eventCount') names.add(step.condition.event);
  }
  if (ir.goal) names.add(ir.goal.match.event);
  return [...names];
}

export function forecast(ir: JourneyIR): Forecast {
  const result: CohortResult = simulateCohort(ir, {
    customers: FORECAST_CUSTOMERS,
    seed: 42,
    entryEvent: ir.trigger.kind === 'event' ? { name: ir.trigger.match.event } : undefined,
    behaviours: awaitedEvents(ir).map((name) => ({ name, probabilityPerDay: FORECAST_EVENT_RATE })),
    horizonMs: FORECAST_HORIZON_DAYS * 86_400_000,
  });
  return {
    customers: result.customers,
    conversions: result.conversions,
    conversionRate: result.conversionRate,
    medianTimeToConvertMs: result.medianTimeToConvertMs,
    stillInJourney: result.stillInJourney,
    perNode: Object.entries(result.perNode).map(([nodeId, c]) => ({ nodeId, customers: c.customers })),
  };
}
