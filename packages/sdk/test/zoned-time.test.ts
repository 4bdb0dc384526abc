import { describe, expect, it } from 'vitest';
import { addDays, DEFAULT_TIMEZONE, instantOfWallTime, isValidTimeZone, offsetAt, wallTimeAt } from '../src/zoned-time';

const NY = 'America/New_York';
const wall = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe('zoned-time', () => {
  it('knows valid and invalid zones', () => {
    expect(isValidTimeZone(DEFAULT_TIMEZONE)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('reads the wall clock and offset at an instant', () => {
    expect(wallTimeAt(Date.parse('2026-01-05T17:30:15Z'), DEFAULT_TIMEZONE)).toEqual(wall(2026, 1, 6, 0, 30, 15));
    expect(offsetAt(Date.parse('2026-01-05T17:30:00Z'), DEFAULT_TIMEZONE)).toBe(7 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-05T12:00:00Z'), NY)).toBe(-4 * 3_600_000);
  });

  it('round-trips an ordinary wall time', () => {
    const at = instantOfWallTime(wall(2026, 1, 12, 19), DEFAULT_TIMEZONE);
    expect(at).toBe(Date.parse('2026-01-12T12:00:00Z'));
    expect(wallTimeAt(at, DEFAULT_TIMEZONE)).toEqual(wall(2026, 1, 12, 19));
  });

  it('gives the first occurrence of a time repeated by fall-back', () => {
    expect(instantOfWallTime(wall(2026, 11, 1, 1, 30), NY)).toBe(Date.parse('2026-11-01T05:30:00Z'));
  });

  it('gives the jump for a time skipped by spring-forward, never an earlier instant', () => {
    expect(instantOfWallTime(wall(2026, 3, 8, 2, 30), NY)).toBe(Date.parse('2026-03-08T07:00:00Z'));
  });

  it('rolls calendar days over months and years', () => {
    expect(addDays(wall(2026, 12, 31, 9), 1)).toEqual(wall(2027, 1, 1, 9));
  });
});
