// The payment-failed rescue template (SCENARIO.md §3) in the simulator: the PayPal email exactly 90
// seconds after the declined card, the coupon popup on the first visit after it, and an order
// while the coupon is valid counted as the journey's conversion.
import { describe, expect, it } from 'vitest';
import { simulate, simulateCohort, validate } from '../src/index';
import { paymentFailedRescue } from '../fixtures/index';
import { compiled, DAY, registry } from './helpers';

const failed = {
  startAt: '2026-01-05T03:00:00.000Z',
  entryEvent: { name: 'Payment Failed', properties: { amount: 1_700_000, checkout_url: 'https://hoabanfood.vn/checkout' } },
  traits: { firstName: 'Toản', email: 'toan@example.vn' },
};

describe('payment-failed rescue template', () => {
  const ir = compiled(paymentFailedRescue);

  it('validates against the built-in node types', () => {
    expect(validate(paymentFailedRescue, registry)).toEqual([]);
  });

  it('comes back through the email, sees the coupon popup, orders with it: a conversion', () => {
    const r = simulate(ir, { ...failed, events: [{ after: 5 * 60_000, name: 'Page Viewed' }, { after: 10 * 60_000, name: 'Order Completed', properties: { coupon: 'SIM-POPUP-COUPON' } }] });
    expect(r.path.find((p) => p.nodeId === 'paypal-email' && p.what === 'action')?.elapsedMs).toBe(90_000);
    expect(r.path.find((p) => p.nodeId === 'popup' && p.what === 'action')?.elapsedMs).toBe(5 * 60_000);
    expect(r.nodesVisited).toEqual(['wait-90s', 'paypal-email', 'next-visit', 'popup-coupon', 'popup', 'coupon-valid']);
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'goal' });
  });

  it('a page view while the card is being retried does not show the popup before the email', () => {
    const r = simulate(ir, { ...failed, events: [{ after: 30_000, name: 'Page Viewed' }] });
    expect(r.nodesVisited).toEqual(['wait-90s', 'paypal-email', 'next-visit', 'exit-no-visit']);
  });

  it('leaves after the coupon expired unused', () => {
    const r = simulate(ir, { ...failed, events: [{ after: DAY, name: 'Page Viewed' }] });
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'end', detail: 'Did not use the coupon' });
    expect(r.path.at(-1)?.elapsedMs).toBe(3 * DAY);
  });

  it('forecasts a cohort: everyone gets the email 90 s later, returning visitors the popup, some order', () => {
    const cohort = simulateCohort(ir, {
      customers: 2_000,
      seed: 7,
      entryEvent: failed.entryEvent,
      behaviours: [
        { name: 'Page Viewed', probabilityPerDay: 0.5 },
        { name: 'Order Completed', probabilityPerDay: 0.1 },
      ],
      horizonMs: 10 * DAY,
    });
    expect(cohort.errors).toBe(0);
    expect(cohort.perNode['paypal-email']!.customers).toBeGreaterThan(1_900);
    expect(cohort.perNode.popup!.customers).toBeGreaterThan(0);
    expect(cohort.conversions).toBeGreaterThan(0);
    expect((cohort.completed.end ?? 0) + cohort.conversions + cohort.stillInJourney).toBe(2_000);
  });
});
