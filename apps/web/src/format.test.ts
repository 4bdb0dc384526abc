import { describe, expect, it } from 'vitest';
import { formatDateTime, formatVnd, setWorkspaceTimeZone } from './format';

describe('one money format, 24-hour times in the workspace zone', () => {
  it('writes VND the same way in both languages', () => {
    expect(formatVnd(99_000, 'vi')).toBe('99.000 ₫');
    expect(formatVnd(99_000, 'en')).toBe('99.000 ₫');
    expect(formatVnd(1_350_000)).toBe('1.350.000 ₫');
    expect(formatVnd('1700000')).toBe('1.700.000 ₫');
    expect(formatVnd(-0.4)).toBe('0 ₫');
    expect(formatVnd('abc')).toBe('abc');
  });

  it('shows an evening time as 19:05, never 7:05 PM, in the workspace timezone', () => {
    setWorkspaceTimeZone('Asia/Ho_Chi_Minh');
    const at = Date.UTC(2026, 10, 27, 12, 5);
    for (const lang of ['vi', 'en']) {
      const text = formatDateTime(at, lang);
      expect(text, lang).toContain('19:05');
      expect(text, lang).not.toMatch(/AM|PM|SA|CH/);
    }
  });
});
