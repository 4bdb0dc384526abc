import { describe, expect, it } from 'vitest';
import { audienceMapOf, audienceRowsOf, MAX_AUDIENCES, type AudienceRow } from './audienceMap';

let n = 0;
const key = () => ++n;
const rows = (...pairs: [string, string][]): AudienceRow[] => pairs.map(([name, id]) => ({ key: key(), name, id }));

describe('audience name → id rows', () => {
  it('reads a saved map in its order and gives back the same map', () => {
    const saved = { 'Quảng cáo 99k': '23851234567890', 'Khách VIP': '23851234567891' };
    const read = audienceRowsOf(saved, key);
    expect(read.map((r) => [r.name, r.id])).toEqual([['Quảng cáo 99k', '23851234567890'], ['Khách VIP', '23851234567891']]);
    expect(audienceMapOf(read)).toEqual({ ok: true, map: saved });
    expect(audienceRowsOf(undefined, key)).toEqual([]);
    expect(audienceRowsOf(['x'], key)).toEqual([]);
  });

  it('trims names and ids, and ignores a row left empty', () => {
    expect(audienceMapOf(rows([' Quảng cáo 99k ', ' 23851234567890 '], ['', '  ']))).toEqual({ ok: true, map: { 'Quảng cáo 99k': '23851234567890' } });
  });

  it('names each problem by its row: empty or repeated name, empty or non-numeric id', () => {
    const checked = audienceMapOf(rows(['Quảng cáo 99k', '23851234567890'], ['', '777'], ['Quảng cáo 99k ', 'act_123'], ['Tết', '']));
    expect(checked).toEqual({
      ok: false,
      tooMany: false,
      problems: [
        { row: 2, field: 'name', code: 'nameEmpty' },
        { row: 3, field: 'name', code: 'nameTaken', name: 'Quảng cáo 99k', first: 1 },
        { row: 3, field: 'id', code: 'idDigits', id: 'act_123' },
        { row: 4, field: 'id', code: 'idEmpty' },
      ],
    });
  });

  it('refuses a name over 200 characters and more audiences than the API keeps', () => {
    expect(audienceMapOf(rows(['x'.repeat(201), '1']))).toMatchObject({ ok: false, problems: [{ row: 1, code: 'nameLong' }] });
    const many = Array.from({ length: MAX_AUDIENCES + 1 }, (_, i): [string, string] => [`Tệp ${i}`, String(i + 1)]);
    expect(audienceMapOf(rows(...many))).toMatchObject({ ok: false, problems: [], tooMany: true });
    expect(audienceMapOf(rows(...many.slice(1)))).toMatchObject({ ok: true });
  });
});
