// Segment's 32 KB-per-event limit is on the event's JSON. Serializing every event just to learn
// that a 300-byte event is small cost ~2 µs each; a walk that only bounds the size from above
// costs a tenth of that, and the exact size is computed only when the bound is not enough.

/** Worst case for one UTF-16 code unit: `\uXXXX` (6 bytes); unescaped it is at most 3 in UTF-8. */
const PER_CODE_UNIT = 6;
/** Longest JSON number, e.g. `-2.2250738585072014e-308` (24). */
const MAX_NUMBER = 25;
const MAX_DEPTH = 64;

/**
 * An upper bound of `Buffer.byteLength(JSON.stringify(value))`, or Infinity when the value is
 * not plain JSON data (class instances, toJSON, BigInt, very deep nesting): then measure exactly.
 */
export function jsonSizeBound(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 2 + value.length * PER_CODE_UNIT;
    case 'number':
      return MAX_NUMBER;
    case 'boolean':
      return 5;
    case 'undefined':
    case 'function':
    case 'symbol':
      // Omitted, or `null` inside an array.
      return 4;
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_DEPTH) return Infinity;
      let n = 2;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return Infinity;
        for (let i = 0; i < value.length; i++) n += 1 + jsonSizeBound(value[i], depth + 1);
        return n;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return Infinity;
      const record = value as Record<string, unknown>;
      if (typeof record.toJSON === 'function') return Infinity;
      for (const key in record) n += 4 + key.length * PER_CODE_UNIT + jsonSizeBound(record[key], depth + 1);
      return n;
    }
    default:
      return Infinity;
  }
}

/** `Buffer.byteLength(JSON.stringify(value))` when it may exceed `limit`; otherwise a number ≤ limit. */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  const bound = jsonSizeBound(value);
  return bound <= limit ? bound : Buffer.byteLength(JSON.stringify(value));
}
