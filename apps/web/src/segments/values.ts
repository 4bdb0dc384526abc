// What a marketer types in a value box, as the rule stores it: numbers (without a leading zero,
// so phone numbers stay text) and true / false become typed values; "is one of" takes a comma list.
import type { Comparison, Json } from '@braid/sdk';

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function parseOne(text: string): Json {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  return t;
}

export function parseValue(text: string, op: Comparison): Json | undefined {
  if (op === 'exists' || op === 'notExists') return undefined;
  if (op === 'in') return text.split(',').map((part) => part.trim()).filter(Boolean).map(parseOne);
  // "contains" on text keeps digits as text ("09" in a phone number).
  if (op === 'contains' || op === 'notContains') return text.trim();
  return parseOne(text);
}

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join(', ');
  return String(value);
}
