// Every template, under random customer behaviour, runs through the simulator without an
// interpreter error and ends or keeps waiting — never stuck on a missing step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '@braid/sdk';
import { simulate } from '../src/index';
import { browseAbandonment, journeyTemplates } from '../fixtures/index';
import { compiled, DAY, HOUR } from './helpers';

const names = ['Order Completed', 'Product Viewed', 'Checkout Started', 'Checkout Cancelled', 'Review Submitted', 'Page Viewed', 'Unsubscribed', 'Signed Up'];

describe('templates under random behaviour', () => {
  for (const t of journeyTemplates) {
    it(t.id, () => {
      const ir = compiled(t.graph);
      fc.assert(
        fc.property(
          fc.array(fc.record({ after: fc.integer({ min: 0, max: 40 * DAY }), name: fc.constantFrom(...names), properties: fc.constantFrom<Record<string, Json>>({}, { rating: 5, cart_id: 'c1' }) }), { maxLength: 12 }),
          fc.integer(),
          fc.boolean(),
          (events, seed, opened) => {
            const r = simulate(ir, { entryEvent: { name: 'Product Added', properties: { cart_id: 'c1' } }, events, seed, engagement: opened ? { 'cart-email': ['opened'], 'welcome-email': ['opened'] } : {}, bestChannel: seed % 2 ? 'zalo' : null });
            expect(r.errors).toEqual([]);
            expect(['completed', 'stillWaiting']).toContain(r.outcome.status);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('browse abandonment retargeting', () => {
  const ir = compiled(browseAbandonment);
  it('adds to the audience that evening and removes the customer as soon as they order', () => {
    const r = simulate(ir, { events: [{ after: 2 * DAY, name: 'Order Completed' }] });
    const actions = r.path.filter((p) => p.what === 'action').map((p) => [p.nodeId, p.at]);
    expect(actions).toEqual([
      ['retarget', '2026-01-05T11:00:00.000Z'], // 18:00 in Hà Nội
      ['untarget-buyer', '2026-01-07T03:00:00.000Z'],
    ]);
  });
  it('removes the customer after a week without an order', () => {
    const r = simulate(ir, {});
    expect(r.nodesVisited.slice(-2)).toEqual(['untarget', 'exit-expired']);
    expect(r.path.find((p) => p.nodeId === 'untarget' && p.what === 'action')?.elapsedMs).toBe(8 * HOUR + 7 * DAY);
  });
});
