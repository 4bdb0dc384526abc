// Dates as Vietnamese write them, day/month/year (01/03/2026), whatever the browser's locale:
// a date input would show the browser's order (03/01/2026 on an American laptop).

/** "1/3/2026" or "01-03-2026" → "2026-03-01"; an unreadable or impossible date is refused by name. */
export function readDayMonthYear(text: string): { ok: true; date: string } | { ok: false; code: 'badDate' | 'noSuchDate' } {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return { ok: false, code: 'badDate' };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return { ok: false, code: 'noSuchDate' };
  return { ok: true, date: `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** "2026-03-01" → "01/03/2026"; '' for anything else. */
export function showDayMonthYear(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
