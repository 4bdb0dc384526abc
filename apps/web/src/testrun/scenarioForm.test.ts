import { describe, expect, it } from 'vitest';
import { readTestRunForm, readValue, rowsOf, showValue } from './scenarioForm';
import type { TestRunForm } from './scenarioForm';

const empty: TestRunForm = { traits: [], entryProperties: [], events: [], engagement: [], segments: [] };
const ctx = { messageSteps: new Set(['cart-email', 'sms']) };

describe('reading a typed value', () => {
  it('reads numbers, true/false, null and JSON; keeps text (and phone numbers) as text', () => {
    expect(readValue('1700000')).toEqual({ ok: true, value: 1_700_000 });
    expect(readValue('-2.5')).toEqual({ ok: true, value: -2.5 });
    expect(readValue('true')).toEqual({ ok: true, value: true });
    expect(readValue('null')).toEqual({ ok: true, value: null });
    expect(readValue('{"city":"Hà Nội"}')).toEqual({ ok: true, value: { city: 'Hà Nội' } });
    expect(readValue('0909908089')).toEqual({ ok: true, value: '0909908089' });
    expect(readValue('+84909908089')).toEqual({ ok: true, value: '+84909908089' });
    expect(readValue('Thịt trâu gác bếp')).toEqual({ ok: true, value: 'Thịt trâu gác bếp' });
  });

  it('refuses JSON that does not parse instead of keeping it as text', () => {
    expect(readValue('{"city": Hà Nội}').ok).toBe(false);
    expect(readValue('[1, 2').ok).toBe(false);
  });

  it('shows values so they read back the same', () => {
    for (const v of ['abc', '123', 'true', 42, false, null, { a: [1, 'x'] }, ['x']]) {
      const back = readValue(showValue(v));
      expect(back).toEqual({ ok: true, value: v });
    }
    expect(rowsOf({ firstName: 'Toản', orders: 3 })).toEqual([
      { key: 'firstName', value: 'Toản' },
      { key: 'orders', value: '3' },
    ]);
  });
});

describe('reading the test run form', () => {
  it('turns a filled form into the scenario the simulator runs', () => {
    const r = readTestRunForm(
      {
        traits: [{ key: 'firstName', value: 'Toản' }, { key: 'phone', value: '+84909908089' }, { key: '', value: '' }],
        entryProperties: [{ key: 'cart_id', value: 'c1' }, { key: 'price', value: '1700000' }],
        events: [{ after: '2,5', unit: 'h', name: ' Order Completed ', properties: [{ key: 'cart_id', value: 'c1' }] }],
        engagement: [{ nodeId: 'cart-email', fact: 'delivered' }, { nodeId: 'cart-email', fact: 'notOpened' }, { nodeId: 'sms', fact: 'clicked' }],
        segments: ['vip', 'vip'],
      },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      scenario: {
        traits: { firstName: 'Toản', phone: '+84909908089' },
        entryProperties: { cart_id: 'c1', price: 1_700_000 },
        events: [{ after: 9_000_000, name: 'Order Completed', properties: { cart_id: 'c1' } }],
        engagement: { 'cart-email': ['delivered'], sms: ['clicked'] },
        segments: ['vip'],
      },
    });
  });

  it('names every field it cannot read, all at once', () => {
    const r = readTestRunForm(
      {
        ...empty,
        traits: [{ key: 'city', value: 'Huế' }, { key: 'city', value: 'Hà Nội' }, { key: '', value: '5' }],
        entryProperties: [{ key: 'cart', value: '{"id": c1}' }],
        events: [
          { after: 'ngày mai', unit: 'h', name: 'Order Completed', properties: [] },
          { after: '', unit: 'd', name: '', properties: [] },
          { after: '401', unit: 'd', name: 'Order Completed', properties: [] },
        ],
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['traits.1.key', 'keyDuplicate'],
      ['traits.2.key', 'keyMissing'],
      ['entryProperties.0.value', 'valueUnreadable'],
      ['events.0.after', 'afterNotNumber'],
      ['events.1.after', 'afterMissing'],
      ['events.1.name', 'eventMissing'],
      ['events.2.after', 'afterTooFar'],
    ]);
    expect(r.problems[0]!.params).toEqual({ key: 'city' });
  });

  it('refuses a 300,000-character paste, naming its length', () => {
    const r = readTestRunForm({ ...empty, traits: [{ key: 'note', value: 'x'.repeat(300_000) }] }, ctx);
    expect(r).toEqual({ ok: false, problems: [{ field: 'traits.0.value', code: 'tooLong', params: { length: 300_000, max: 10_000 } }] });
  });

  it('refuses engagement that contradicts itself or names no message step', () => {
    const r = readTestRunForm(
      {
        ...empty,
        engagement: [
          { nodeId: 'cart-email', fact: 'notOpened' },
          { nodeId: 'cart-email', fact: 'clicked' },
          { nodeId: 'sms', fact: 'replied' },
          { nodeId: 'sms', fact: 'notReplied' },
          { nodeId: '', fact: 'opened' },
          { nodeId: 'wait-1', fact: 'opened' },
        ],
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: 'engagement.1.fact', code: 'factConflict', params: { other: 'notOpened' } },
      { field: 'engagement.3.fact', code: 'factConflict', params: { other: 'replied' } },
      { field: 'engagement.4.nodeId', code: 'stepMissing' },
      { field: 'engagement.5.nodeId', code: 'stepNotMessage' },
    ]);
  });
});
