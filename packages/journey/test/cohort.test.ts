import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../src/index';
import { hoaBanFood, winBack } from '../fixtures/index';
import { compiled } from './helpers';

describe('simulateCohort', () => {
  const ir = compiled(hoaBanFood);
  const scenario = {
    customers: 2000,
    seed: 1,
    entryEvent: { name: 'Product Added', properties: { cart_id: 'c', price: 850_000 } },
    behaviours: [
      { name: 'Order Completed', probabilityPerDay: 0.03 },
      { name: 'Product Viewed', probabilityPerDay: 0.1, afterMs: 7 * 86_400_000 },
      { name: 'Checkout Cancelled', probabilityPerDay: 0.05, afterMs: 8 * 86_400_000 },
    ],
    engagement: { email: { opened: 0.25 } },
  };

  it('forecasts per-node counts and conversions', () => {
    const r = simulateCohort(ir, scenario);
    expect(r.customers).toBe(2000);
    expect(r.perNode['checkout-wait']?.customers).toBe(2000);
    // Roughly a quarter open the email; the rest see ads.
    const ads = r.perNode['ads-99k-add']?.customers ?? 0;
    const emailed = r.perNode['cart-email']?.customers ?? 1;
    expect(ads / emailed).toBeGreaterThan(0.65);
    expect(ads / emailed).toBeLessThan(0.85);
    expect(r.conversions).toBeGreaterThan(0);
    expect(r.conversionRate).toBeCloseTo(r.conversions / 2000);
    expect(r.perNode['thank-you']?.customers).toBe(r.conversions);
    expect(r.errors).toBe(0);
    const finished = Object.values(r.completed).reduce((a, b) => a + (b ?? 0), 0);
    expect(finished + r.stillInJourney).toBe(2000);
    expect(Object.values(r.waitingAt).reduce((a, b) => a + b, 0)).toBe(r.stillInJourney);
  });

  it('is reproducible from its seed', () => {
    expect(simulateCohort(ir, { ...scenario, customers: 300 })).toEqual(simulateCohort(ir, { ...scenario, customers: 300 }));
  });

  it('routes by best channel', () => {
    const r = simulateCohort(compiled(winBack), { customers: 1000, bestChannel: { email: 1, zalo: 1 }, seed: 3 });
    expect(r.perNode['call-task']).toBeUndefined();
    expect((r.perNode['winback-email']?.customers ?? 0) + (r.perNode['winback-zalo']?.customers ?? 0)).toBe(1000);
  });
});
