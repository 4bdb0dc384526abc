// The zod-free fast path must accept only what the zod schemas accept, with the same output.
import { describe, expect, it } from 'vitest';
import { fastValidate } from '../src/ingest/fast-validate';
import { eventSchemas, segmentTypes } from '../src/ingest/schema';

const values: unknown[] = [
  undefined, null, '', 'x', 'a\u0000b', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501),
  'x'.repeat(1001), 0, -1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, true, [], ['a'], {}, { a: 1 },
  Object.create(null) as unknown, '2024-01-02T03:04:05.000Z', 'not a date', `2024-01-02${' '.repeat(60)}`,
  1_700_000_000_000, -5, 'track', 'identify', 'alias',
];
const keys = [
  'type', 'messageId', 'userId', 'anonymousId', 'timestamp', 'originalTimestamp', 'sentAt', 'context',
  'integrations', 'event', 'properties', 'traits', 'name', 'category', 'groupId', 'previousId', 'extra',
];

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const valid: Record<string, Record<string, unknown>> = {
  track: { type: 'track', userId: 'u', event: 'E', properties: { a: 1 } },
  identify: { type: 'identify', userId: 'u', traits: { email: 'a@b.c' } },
  page: { type: 'page', anonymousId: 'a', name: 'Home', category: 'c' },
  screen: { type: 'screen', anonymousId: 7, name: null },
  group: { type: 'group', userId: 'u', groupId: 5 },
  alias: { type: 'alias', userId: 'u', previousId: 'p' },
};

describe('fast validation', () => {
  it('accepts only what zod accepts, with the same result', () => {
    const random = seeded(42);
    let fast = 0;
    for (let n = 0; n < 30_000; n++) {
      const type = segmentTypes[Math.floor(random() * segmentTypes.length)]!;
      const raw: Record<string, unknown> = { ...valid[type] };
      const edits = Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        if (random() < 0.15) delete raw[key];
        else raw[key] = values[Math.floor(random() * values.length)];
      }
      const got = fastValidate(raw, type);
      if (!got) continue;
      fast++;
      const zod = eventSchemas[type].safeParse(raw);
      expect(zod.success, JSON.stringify(raw)).toBe(true);
      expect(got).toEqual({ ...zod.data, type });
    }
    expect(fast).toBeGreaterThan(3000);
  });
});
