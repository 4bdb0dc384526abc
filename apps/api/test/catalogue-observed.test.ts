// The in-memory side of the event catalogue: what one pass over events gathers and how it merges
// with what is stored (types unioned, newest distinct examples first, bounded keys).
import { describe, expect, it } from 'vitest';
import { DAY_MS, emptyDelta, EXAMPLE_CHARS, MAX_KEYS, mergeProperties, observeEvent, observeTraits, typeOf } from '../src/catalogue/observed';

describe('catalogue observation', () => {
  it('names the JSON type of a value as a picker shows it', () => {
    expect([typeOf('a'), typeOf(1), typeOf(true), typeOf(null), typeOf([1]), typeOf({ a: 1 })]).toEqual(['string', 'number', 'boolean', 'null', 'array', 'object']);
  });

  it('counts per event and per UTC day, keeps first/last seen and the first distinct examples of the window (newest first)', () => {
    const d = emptyDelta();
    const day = 20_000 * DAY_MS;
    observeEvent(d, 'Product Added', day + 5, { cart_id: 'c-1', price: 1 });
    observeEvent(d, 'Product Added', day + DAY_MS, { cart_id: 'c-2', price: 'x'.repeat(200) });
    observeEvent(d, 'Product Added', day + 1, { cart_id: 'c-1' });
    observeEvent(d, 'Product Added', day + 2, { cart_id: 'c-3', extra: { nested: true } });
    observeEvent(d, 'Product Added', day + 3, { cart_id: 'c-4' });
    const e = d.events.get('Product Added')!;
    expect([e.count, e.firstSeenAt, e.lastSeenAt]).toEqual([5, day + 1, day + DAY_MS]);
    expect([...e.days]).toEqual([
      [20_000, 4],
      [20_001, 1],
    ]);
    // A window (one flush) stops gathering examples once it has a few: c-4 waits for the next one.
    expect(e.properties.get('cart_id')!.examples).toEqual(['c-3', 'c-2', 'c-1']);
    expect([...e.properties.get('price')!.types]).toEqual(['number', 'string']);
    expect(e.properties.get('price')!.examples[0]).toHaveLength(EXAMPLE_CHARS);
    expect(e.properties.get('extra')!.examples).toEqual([]);
  });

  it('keeps at most MAX_KEYS keys, in a pass and in the merged row', () => {
    const d = emptyDelta();
    const many = Object.fromEntries(Array.from({ length: MAX_KEYS + 50 }, (_, i) => [`k${i}`, i]));
    observeEvent(d, 'Wide', 1, many);
    observeTraits(d, 1, many);
    expect(d.events.get('Wide')!.properties.size).toBe(MAX_KEYS);
    expect(d.traits.size).toBe(MAX_KEYS);
    const stored = Object.fromEntries(Array.from({ length: MAX_KEYS }, (_, i) => [`s${i}`, { types: ['number'], examples: [], lastSeenAt: 0 }]));
    expect(Object.keys(mergeProperties(stored, d.events.get('Wide')!.properties))).toHaveLength(MAX_KEYS);
  });

  it('merges with the stored row: types unioned, new examples before old ones', () => {
    const d = emptyDelta();
    observeEvent(d, 'E', 10, { a: 'new' });
    const merged = mergeProperties({ a: { types: ['number'], examples: ['old-1', 'old-2', 'old-3'], lastSeenAt: 5 }, b: { types: ['string'], examples: ['x'], lastSeenAt: 3 } }, d.events.get('E')!.properties);
    expect(merged.a).toEqual({ types: ['number', 'string'], examples: ['new', 'old-1', 'old-2'], lastSeenAt: 10 });
    expect(merged.b).toEqual({ types: ['string'], examples: ['x'], lastSeenAt: 3 });
  });
});
