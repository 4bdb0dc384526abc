import { describe, expect, it } from 'vitest';
import { epochToWallClock, wallClockToEpoch } from './zonedTime';
import { teamEn, teamVi } from '../i18n/team';

describe('workspace wall clock', () => {
  it('reads 08:00 in Ho Chi Minh City as 01:00 UTC, and back', () => {
    const epoch = wallClockToEpoch('2026-03-01T08:00', 'Asia/Ho_Chi_Minh');
    expect(epoch).toBe(Date.UTC(2026, 2, 1, 1, 0));
    expect(epochToWallClock(epoch, 'Asia/Ho_Chi_Minh')).toBe('2026-03-01T08:00');
    expect(wallClockToEpoch('', 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(epochToWallClock(null, 'UTC')).toBe('');
  });
  it('follows daylight saving where there is some', () => {
    expect(wallClockToEpoch('2026-07-01T12:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(wallClockToEpoch('2026-01-01T12:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 1, 11, 0));
  });
});

describe('team texts', () => {
  it('have the same keys in Vietnamese and English, none empty', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(teamEn).sort()).toEqual(keys(teamVi).sort());
    const values = (o: object): unknown[] => Object.values(o).flatMap((v) => (typeof v === 'object' && v !== null ? values(v as object) : [v]));
    for (const v of [...values(teamVi), ...values(teamEn)]) expect(typeof v === 'string' && v.length > 0).toBe(true);
  });
});
