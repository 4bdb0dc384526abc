// The size bound must never be below the real JSON size, or an oversized event would slip in.
import { describe, expect, it } from 'vitest';
import { jsonSizeBound, jsonSizeUpTo } from '../src/ingest/json-size';

const samples: unknown[] = [
  '', 'a', 'é', '\u0000\u001f"\\', '\ud800', '😀', '\u2028', 'x'.repeat(1000), 0, -0, 1e21, -2.2250738585072014e-308,
  Number.MAX_VALUE, Number.MIN_VALUE, -1.2345678901234567e-300, Number.NaN, Number.POSITIVE_INFINITY, true, false, null,
  [], [undefined, () => 1, null], {}, { a: undefined }, { 'k\u0000"é': ['😀', { x: 1 }] }, Object.create(null) as unknown,
];

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('JSON size bound', () => {
  it('is never below the serialized size', () => {
    const r = random(7);
    const build = (depth: number): unknown => {
      if (depth > 4 || r() < 0.4) return samples[Math.floor(r() * samples.length)];
      if (r() < 0.5) return Array.from({ length: Math.floor(r() * 5) }, () => build(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < r() * 6; i++) o[String(samples[Math.floor(r() * 8)]) + i] = build(depth + 1);
      return o;
    };
    for (let n = 0; n < 5000; n++) {
      const v = build(0);
      const exact = Buffer.byteLength(JSON.stringify(v) ?? '');
      expect(jsonSizeBound(v)).toBeGreaterThanOrEqual(exact);
    }
  });

  it('measures exactly when the bound is over the limit, and refuses to guess for non-plain values', () => {
    const big = { s: 'x'.repeat(40_000) };
    expect(jsonSizeUpTo(big, 32 * 1024)).toBe(Buffer.byteLength(JSON.stringify(big)));
    expect(jsonSizeBound(new Date(0))).toBe(Infinity);
    expect(jsonSizeBound({ toJSON: () => 'x'.repeat(99) })).toBe(Infinity);
    expect(jsonSizeBound(1n)).toBe(Infinity);
  });
});
