// SCENARIO §5 in the simulator: the cart reminder waits 30 minutes for an order; an order at any
// moment converts (the reminder is never shown to a buyer), both thank-you messages go out, and
// only a past buyer gets the cross-sell email.
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index';
import { crossDeviceLoyalty } from '../fixtures/index';
import { compiled, HOUR } from './helpers';

const ir = compiled(crossDeviceLoyalty);
const actions = (r: ReturnType<typeof simulate>) => r.path.filter((p) => p.what === 'action').map((p) => p.nodeId);
const cart = { name: 'Product Added', properties: { name: 'Thịt trâu gác bếp', quantity: 2 } };

describe('one customer across devices and stores', () => {
  it('reminds of the cart after 30 minutes, then leaves after 3 days without an order', () => {
    const r = simulate(ir, { entryEvent: cart });
    expect(actions(r)).toEqual(['cart-everywhere']);
    expect(r.path.find((p) => p.nodeId === 'cart-everywhere' && p.what === 'action')?.elapsedMs).toBe(HOUR / 2);
    expect(r.nodesVisited.at(-1)).toBe('exit-no-order');
  });

  it('thanks a first-time buyer on Zalo and by email, with no cross-sell', () => {
    const r = simulate(ir, { entryEvent: cart, events: [{ after: HOUR, name: 'Order Completed' }], lookups: { 'past-buyer': { matched: false } } });
    expect(actions(r)).toEqual(['cart-everywhere', 'thanks-zalo', 'thanks-email']);
    expect(r.nodesVisited.at(-1)).toBe('exit-first-order');
  });

  it('never reminds a customer who ordered within the 30 minutes; a past buyer gets the cross-sell', () => {
    const r = simulate(ir, { entryEvent: cart, events: [{ after: 10 * 60_000, name: 'Order Completed' }], lookups: { 'past-buyer': { matched: true } } });
    expect(actions(r)).toEqual(['thanks-zalo', 'thanks-email', 'cross-sell']);
    expect(r.nodesVisited.at(-1)).toBe('exit-cross-sell');
  });
});
