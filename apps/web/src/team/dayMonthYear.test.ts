import { describe, expect, it } from 'vitest';
import { readDayMonthYear, showDayMonthYear } from './dayMonthYear';

describe('day/month/year dates', () => {
  it('reads the Vietnamese order, with or without leading zeros', () => {
    expect(readDayMonthYear('01/03/2026')).toEqual({ ok: true, date: '2026-03-01' });
    expect(readDayMonthYear(' 1/3/2026 ')).toEqual({ ok: true, date: '2026-03-01' });
    expect(readDayMonthYear('29-02-2028')).toEqual({ ok: true, date: '2028-02-29' });
  });

  it('names what is wrong', () => {
    expect(readDayMonthYear('2026-03-01')).toEqual({ ok: false, code: 'badDate' });
    expect(readDayMonthYear('mai')).toEqual({ ok: false, code: 'badDate' });
    expect(readDayMonthYear('31/04/2026')).toEqual({ ok: false, code: 'noSuchDate' });
    expect(readDayMonthYear('29/02/2026')).toEqual({ ok: false, code: 'noSuchDate' });
    expect(readDayMonthYear('01/13/2026')).toEqual({ ok: false, code: 'noSuchDate' });
  });

  it('shows a stored date the same way', () => {
    expect(showDayMonthYear('2026-03-01T08:00')).toBe('01/03/2026');
    expect(showDayMonthYear('')).toBe('');
  });
});
