// The reference journey (SCENARIO.md section 1), run through the simulator on its main paths.
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index';
import type { SingleScenario } from '../src/index';
import { hoaBanFood, paymentFailedRescue } from '../fixtures/index';
import { compiled, DAY, HOUR } from './helpers';

const ir = compiled(hoaBanFood);
const toan: SingleScenario = {
  // Monday 10:00 in Hà Nội.
  startAt: '2026-01-05T03:00:00.000Z',
  entryEvent: { name: 'Product Added', properties: { cart_id: 'cart-1', product_name: 'thịt trâu gác bếp', quantity: '2kg', price: 850_000, cart_total: 1_700_000 } },
  traits: { firstName: 'Toản' },
};
const order = (after: number, channel: string) => ({ after, name: 'Order Completed', properties: { channel, total: 1_350_000 } });

describe('Hoa Ban Food', () => {
  it('converts after the evening email', () => {
    const r = simulate(ir, { ...toan, engagement: { 'cart-email': ['delivered', 'opened'] }, events: [order(10 * HOUR, 'web'), { after: 3 * DAY, name: 'Review Submitted', properties: { rating: 5 } }] });
    expect(r.converted).toBe(true);
    expect(r.nodesVisited).toEqual(['checkout-wait', 'evening', 'voucher-99k', 'cart-email', 'wait-open', 'thank-you', 'wait-2-days', 'review-ask', 'review-wait', 'referral-email', 'referral-wait', 'exit-referral-sent']);
    // The email goes out at 19:00 Hà Nội time, the evening of the abandoned cart.
    expect(r.path.find((p) => p.nodeId === 'cart-email' && p.what === 'action')?.at).toBe('2026-01-05T12:00:00.000Z');
    expect(r.path.find((p) => p.what === 'converted')).toMatchObject({ nodeId: 'wait-open', reason: 'Order Completed (goal)' });
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'end', detail: 'Referral offer sent' });
  });

  it('converts after the retargeting ad, overnight', () => {
    const r = simulate(ir, { ...toan, events: [order(20 * HOUR, 'web')] });
    expect(r.path.find((p) => p.nodeId === 'opened-email' && p.what === 'left')?.reason).toContain('→ no');
    expect(r.nodesVisited.slice(0, 8)).toEqual(['checkout-wait', 'evening', 'voucher-99k', 'cart-email', 'wait-open', 'opened-email', 'ads-99k-add', 'overnight']);
    // Converted overnight: never removed from the 99k audience by this path, moved to the thank-you.
    expect(r.nodesVisited).not.toContain('ads-99k-remove');
    expect(r.nodesVisited[8]).toBe('thank-you');
    expect(r.converted).toBe(true);
    expect(r.outcome).toMatchObject({ status: 'completed', detail: 'No 5-star review' });
  });

  it('buys at the showroom after the SMS invitation', () => {
    const r = simulate(ir, {
      ...toan,
      events: [
        { after: 8.5 * DAY, name: 'Product Viewed', properties: { product_id: 'mac-khen', product_name: 'Mắc Khén' } },
        { after: 8.5 * DAY + 60_000, name: 'Product Viewed', properties: { product_id: 'hat-doi', product_name: 'Hạt Dổi' } },
        {
          after: 9 * DAY,
          name: 'Checkout Started',
          properties: { cart_id: 'cart-2' },
          traits: { phone: '+84909908089', address: { city: 'Hà Nội', district: 'Cầu Giấy' } },
        },
        { after: 9 * DAY + 5 * 60_000, name: 'Checkout Cancelled', properties: { cart_id: 'cart-2' } },
        order(11 * DAY, 'pos'),
      ],
    });
    expect(r.nodesVisited).toEqual([
      'checkout-wait', 'evening', 'voucher-99k', 'cart-email', 'wait-open', 'opened-email', 'ads-99k-add', 'overnight', 'ads-99k-remove',
      'wait-week', 'awareness-ad', 'browse-wait', 'combo-ad', 'checkout-cancel-wait', 'in-hanoi', 'showroom-sms', 'showroom-wait',
      'thank-you', 'wait-2-days', 'review-ask', 'review-wait', 'exit-no-review',
    ]);
    expect(r.path.find((p) => p.nodeId === 'in-hanoi' && p.what === 'left')?.reason).toContain('→ yes');
    expect(r.path.find((p) => p.what === 'converted')).toMatchObject({ nodeId: 'showroom-wait', elapsedMs: 11 * DAY });
  });

  it('never converts', () => {
    const r = simulate(ir, toan);
    expect(r.converted).toBe(false);
    expect(r.nodesVisited.at(-1)).toBe('exit-no-return');
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'end', detail: 'Did not come back' });
  });

  it('does not invite customers far from the showroom', () => {
    const r = simulate(ir, {
      ...toan,
      traits: { firstName: 'Toàn', address: { city: 'Đà Nẵng' }, phone: '+84900000000' },
      events: [{ after: 8.5 * DAY, name: 'Product Viewed', properties: { product_id: 'hat-doi' } }, { after: 9 * DAY, name: 'Checkout Cancelled' }],
    });
    expect(r.nodesVisited.slice(-2)).toEqual(['in-hanoi', 'exit-not-local']);
  });

  it('invites by district: in Hà Nội but far from Hàng Giấy is not invited', () => {
    const r = simulate(ir, {
      ...toan,
      traits: { firstName: 'Hùng', address: { city: 'Hà Nội', district: 'Sóc Sơn' }, phone: '+84900000001' },
      events: [{ after: 8.5 * DAY, name: 'Product Viewed', properties: { product_id: 'mac-khen' } }, { after: 9 * DAY, name: 'Checkout Cancelled' }],
    });
    expect(r.nodesVisited.slice(-2)).toEqual(['in-hanoi', 'exit-not-local']);
  });

  it('retargets the combo only to customers who viewed its spices', () => {
    const r = simulate(ir, { ...toan, events: [{ after: 8.5 * DAY, name: 'Product Viewed', properties: { product_id: 'mat-ong', product_name: 'Mật ong rừng' } }] });
    expect(r.nodesVisited).not.toContain('combo-ad');
    expect(r.nodesVisited.at(-1)).toBe('exit-no-return');
  });

  it('gives the referrer a pot of chè for every friend who orders over 500,000 ₫', () => {
    const credited = (after: number, revenue: number) => ({ after, name: 'Referral Credited', properties: { referral_code: 'TOAN-HB', revenue } });
    const r = simulate(ir, {
      ...toan,
      traits: { firstName: 'Toản', referral_code: 'TOAN-HB' },
      events: [order(10 * HOUR, 'pos'), { after: 3 * DAY, name: 'Review Submitted', properties: { rating: 5 } }, credited(5 * DAY, 620_000), credited(6 * DAY, 300_000), credited(8 * DAY, 900_000)],
    });
    const rewards = r.path.filter((p) => p.nodeId === 'che-reward' && p.what === 'action');
    // 620k and 900k qualify, 300k does not.
    expect(rewards.map((p) => p.elapsedMs)).toEqual([5 * DAY, 8 * DAY]);
    expect(r.path.filter((p) => p.nodeId === 'reward-email' && p.what === 'action')).toHaveLength(2);
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'end', detail: 'Referral offer sent' });
  });

  it('leaves at once when the customer checks out this cart', () => {
    const r = simulate(ir, { ...toan, events: [{ after: 20 * 60_000, name: 'Checkout Started', properties: { cart_id: 'cart-1' } }] });
    expect(r.nodesVisited).toEqual(['checkout-wait', 'exit-checked-out']);
  });

  it('leaves on unsubscribe wherever the customer is', () => {
    const r = simulate(ir, { ...toan, events: [{ after: 2 * DAY, name: 'Unsubscribed' }] });
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'exitCriteria' });
  });
});

describe('Payment failed rescue', () => {
  const rescue = compiled(paymentFailedRescue);
  const failed = { startAt: '2026-01-05T03:00:00.000Z', entryEvent: { name: 'Payment Failed', properties: { checkout_url: 'https://shop.example/checkout/42' } }, traits: { firstName: 'Lan' } };

  it('sends the PayPal email 90 seconds later, then a coupon popup on the next visit', () => {
    const r = simulate(rescue, { ...failed, events: [{ after: DAY, name: 'Page Viewed' }] });
    expect(r.path.find((p) => p.nodeId === 'paypal-email' && p.what === 'action')).toMatchObject({ elapsedMs: 90_000, reason: 'send-message (email): ok' });
    expect(r.nodesVisited).toEqual(['wait-90s', 'paypal-email', 'next-visit', 'popup-coupon', 'popup', 'coupon-valid', 'exit-coupon-unused']);
    expect(r.finalState.variables.voucher).toEqual({ code: 'SIM-POPUP-COUPON', expiresAt: null });
  });

  it('stops when the customer pays', () => {
    const r = simulate(rescue, { ...failed, events: [{ after: 60_000, name: 'Order Completed' }] });
    expect(r.nodesVisited).toEqual(['wait-90s']);
    expect(r.outcome).toMatchObject({ reason: 'goal' });
  });

  it('gives up after three days without a visit', () => {
    const r = simulate(rescue, failed);
    expect(r.outcome).toMatchObject({ reason: 'end', detail: 'Did not come back' });
  });
});
