import { describe, expect, it } from 'vitest';
import type { Trigger } from '@braid/sdk';
import { nextDateTriggerAt, parseTraitDate } from '../src/interpreter';

const birthday = (offsetDays = 0, recurrence: 'yearly' | 'once' = 'yearly'): Extract<Trigger, { kind: 'dateAttribute' }> => ({
  kind: 'dateAttribute', trait: 'birthday', recurrence, offsetDays, atTime: '09:00', reentry: { mode: 'everyTime', minGapMs: 0 }, entryLimit: null,
});

describe('nextDateTriggerAt', () => {
  it('enrols at 09:00 Hà Nội time on the birthday this year or next', () => {
    expect(nextDateTriggerAt(birthday(), '1990-03-15', Date.parse('2026-01-01T00:00:00Z'))).toBe(Date.parse('2026-03-15T02:00:00Z'));
    expect(nextDateTriggerAt(birthday(), '1990-03-15', Date.parse('2026-03-15T02:00:00Z'))).toBe(Date.parse('2027-03-15T02:00:00Z'));
  });
  it('applies offsets across the new year and the customer’s timezone', () => {
    expect(nextDateTriggerAt(birthday(-3), '1990-01-02', Date.parse('2026-12-01T00:00:00Z'))).toBe(Date.parse('2026-12-30T02:00:00Z'));
    expect(nextDateTriggerAt(birthday(), '1990-03-15', Date.parse('2026-01-01T00:00:00Z'), 'Europe/Paris')).toBe(Date.parse('2026-03-15T08:00:00Z'));
  });
  it('moves 29 February to the 28th and handles one-off dates', () => {
    expect(nextDateTriggerAt(birthday(), '2000-02-29', Date.parse('2026-01-01T00:00:00Z'))).toBe(Date.parse('2026-02-28T02:00:00Z'));
    expect(nextDateTriggerAt(birthday(0, 'once'), '2026-06-01', Date.parse('2026-01-01T00:00:00Z'))).toBe(Date.parse('2026-06-01T02:00:00Z'));
    expect(nextDateTriggerAt(birthday(0, 'once'), '2025-06-01', Date.parse('2026-01-01T00:00:00Z'))).toBeNull();
  });
  it('ignores values that are not dates', () => {
    expect(nextDateTriggerAt(birthday(), 'soon', 0)).toBeNull();
    expect(nextDateTriggerAt(birthday(), null, 0)).toBeNull();
    expect(parseTraitDate('1990-13-01')).toBeNull();
    expect(parseTraitDate('1990-03-15T10:00:00+07:00')).toEqual({ y: 1990, m: 3, d: 15 });
  });
});
