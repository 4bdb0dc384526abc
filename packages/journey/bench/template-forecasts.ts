// The cohort forecast a marketer runs on each template before publishing, timed for the bench:
// 100,000 synthetic customers each, with the same everyday behaviour (they browse, add to cart,
// order, review, sometimes unsubscribe) and the entry event the template's trigger listens for.
import { performance } from 'node:perf_hooks';
import { builtinRegistry } from '@braid/nodes';
import type { Json } from '@braid/sdk';
import { compile, simulateCohort, type CohortScenario } from '../src/index';
import type { JourneyTemplate } from '../fixtures/index';

const DAY = 86_400_000;

const everyday: NonNullable<CohortScenario['behaviours']> = [
  { name: 'Page Viewed', probabilityPerDay: 0.3 },
  { name: 'Product Viewed', probabilityPerDay: 0.15 },
  { name: 'Checkout Started', probabilityPerDay: 0.1 },
  { name: 'Checkout Cancelled', probabilityPerDay: 0.05 },
  { name: 'Order Completed', probabilityPerDay: 0.03, properties: { total: 1_350_000 } },
  { name: 'Review Submitted', probabilityPerDay: 0.1, properties: { rating: 5 } },
  { name: 'Staff Task Completed', probabilityPerDay: 0.5, properties: { outcome: 'booked' } },
  { name: 'Unsubscribed', probabilityPerDay: 0.002 },
];

/** What the template's event trigger listens for, with the properties its messages read. */
function entryEventOf(t: JourneyTemplate): CohortScenario['entryEvent'] {
  const trigger = t.graph.nodes.find((n) => n.type === 'trigger-event');
  const event = (trigger?.config as { event?: unknown } | undefined)?.event;
  if (typeof event !== 'string') return null;
  const properties: Record<string, Json> = { cart_id: 'c1', product_name: 'thịt trâu gác bếp', price: 850_000, amount: 1_700_000, checkout_url: 'https://hoabanfood.vn/checkout', total: 1_350_000 };
  return { name: event, properties };
}

/** One line per template: seconds for `customers`, its ratio to trigger → exit, conversions. */
export function templateForecasts(templates: readonly JourneyTemplate[], customers: number, baselineSeconds: number): string[] {
  const lines = [`cohort forecast per template, ${customers.toLocaleString('en-US')} customers each (trigger → exit ${baselineSeconds.toFixed(2)} s in this run):`];
  for (const t of templates) {
    const r = compile(t.graph, builtinRegistry, { journeyId: t.id, version: 1 });
    if (!r.ok) throw new Error(`${t.id} does not compile: ${JSON.stringify(r.issues.slice(0, 3))}`);
    const started = performance.now();
    const cohort = simulateCohort(r.ir, {
      customers,
      seed: 2026,
      entryEvent: entryEventOf(t),
      traits: { firstName: 'Toản', city: 'Hà Nội' },
      behaviours: everyday,
      engagement: { email: { opened: 0.22, clicked: 0.04 }, zalo: { opened: 0.6, replied: 0.1 }, messenger: { opened: 0.5, replied: 0.15 } },
      bestChannel: { zalo: 0.35, email: 0.3, messenger: 0.2, sms: 0.1 },
      horizonMs: 60 * DAY,
    });
    const seconds = (performance.now() - started) / 1000;
    if (cohort.errors > 0) throw new Error(`${t.id}: ${cohort.errors} customers hit an error in the forecast`);
    lines.push(
      `  ${t.id.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s  (${(seconds / Math.max(baselineSeconds, 1e-3)).toFixed(1)}× trigger → exit)   ` +
        `conversions ${(cohort.conversionRate * 100).toFixed(1)}%, still in journey ${cohort.stillInJourney.toLocaleString('en-US')}`,
    );
  }
  return lines;
}
