// The mapping from a shop's order or checkout to Segment e-commerce events, without HTTP.
import { describe, expect, it } from 'vitest';
import { referralCodeOf, shopEvent, ShopPayload, topicKind } from '../src/commerce/order-events';
import { signatureMatches, signBody } from '../src/commerce/signature';
import { shopifyCheckout, shopifyOrder } from './fixtures/shopify-order';

const parse = (p: unknown) => ShopPayload.parse(p);

describe('referral codes', () => {
  it('come from a note attribute, else ?ref= on the landing page, else none', () => {
    expect(referralCodeOf(parse(shopifyOrder({ note_attributes: [{ name: 'Referral Code', value: ' TOAN99 ' }], landing_site: '/?ref=OTHER' })))).toBe('TOAN99');
    expect(referralCodeOf(parse(shopifyOrder({ note_attributes: [{ name: 'gift_note', value: 'x' }] })))).toBe('TOAN99');
    expect(referralCodeOf(parse(shopifyOrder({ landing_site: '/products/mac-khen' })))).toBeNull();
    expect(referralCodeOf(parse(shopifyOrder({ landing_site: null })))).toBeNull();
  });
});

describe('topics', () => {
  it('track orders, payments, cancellations and checkouts; nothing else', () => {
    expect(['orders/create', 'orders/paid', 'ORDERS/CANCELLED', 'checkouts/update'].map(topicKind)).toEqual(['order', 'order', 'cancel', 'checkout']);
    expect(topicKind('products/update')).toBeNull();
    expect(shopEvent('shopify', 'src_1', 'customers/create', parse(shopifyOrder()))).toBeNull();
  });
});

describe('events', () => {
  it('an order is Order Completed with revenue in VND from decimal strings, keyed by source and order', () => {
    const e = shopEvent('haravan', 'src_1', 'orders/paid', parse(shopifyOrder({ total_price: '1350000.00', currency: 'vnd' })))!;
    expect(e.event).toMatchObject({ event: 'Order Completed', messageId: 'haravan:src_1:order:5834223617300', anonymousId: 'haravan-checkout:d2ac3b8c1a6b4b0f8f3c1e8f5f4ad4b1' });
    expect(e.event.properties).toMatchObject({ revenue: 1_350_000, total: 1_350_000, currency: 'VND', order_id: '5834223617300' });
    expect(e.contact).toBeNull();
  });

  it('a checkout is Checkout Started by its token, with an identify for the contact it carries', () => {
    const e = shopEvent('shopify', 'src_1', 'checkouts/update', parse(shopifyCheckout()))!;
    expect(e.event).toMatchObject({ event: 'Checkout Started', messageId: 'shopify:src_1:checkout:d2ac3b8c1a6b4b0f8f3c1e8f5f4ad4b1' });
    expect(e.event.properties).toMatchObject({ checkout_id: 'd2ac3b8c1a6b4b0f8f3c1e8f5f4ad4b1', value: 1_350_000 });
    expect(e.contact).toMatchObject({ type: 'identify', anonymousId: 'shopify-checkout:d2ac3b8c1a6b4b0f8f3c1e8f5f4ad4b1', traits: { phone: '0909908089' } });
    // Another phone: another identify; the same phone: the same one (stored once).
    const other = shopEvent('shopify', 'src_1', 'checkouts/update', parse(shopifyCheckout({ phone: '0933111222' })))!;
    expect(other.contact!.messageId).not.toBe(e.contact!.messageId);
    expect(shopEvent('shopify', 'src_1', 'checkouts/update', parse(shopifyCheckout()))!.contact!.messageId).toBe(e.contact!.messageId);
  });

  it('refuses money that is not an amount, naming the field', () => {
    const r = ShopPayload.safeParse(shopifyOrder({ total_price: 'free' }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['total_price']);
  });
});

describe('signatures', () => {
  it('match only the exact body and secret, whatever the header length', () => {
    const body = Buffer.from(JSON.stringify(shopifyOrder()));
    const good = signBody('s3cret-of-the-shop', body);
    expect(signatureMatches('s3cret-of-the-shop', body, good)).toBe(true);
    expect(signatureMatches('s3cret-of-the-shop', Buffer.concat([body, Buffer.from(' ')]), good)).toBe(false);
    expect(signatureMatches('another-secret', body, good)).toBe(false);
    expect(signatureMatches('s3cret-of-the-shop', body, good.slice(0, 20))).toBe(false);
    expect(signatureMatches('s3cret-of-the-shop', body, undefined)).toBe(false);
    expect(signatureMatches('s3cret-of-the-shop', body, 'x'.repeat(500))).toBe(false);
  });
});
