import { describe, expect, it } from 'vitest';
import { parseTimeline } from './timeline';

describe('test customer timeline', () => {
  it('reads offsets, names and properties', () => {
    expect(parseTimeline('+2h Order Completed {"cart_id":"c1"}\n# note\n+30m Page Viewed')).toEqual({
      ok: true,
      events: [
        { after: 7_200_000, name: 'Order Completed', properties: { cart_id: 'c1' } },
        { after: 1_800_000, name: 'Page Viewed', properties: {} },
      ],
    });
  });

  it('names the line it cannot read', () => {
    expect(parseTimeline('+1d Order Completed\nOrder Completed')).toMatchObject({ ok: false, line: 2 });
    expect(parseTimeline('+1d X {bad')).toMatchObject({ ok: false, line: 1 });
  });
});
