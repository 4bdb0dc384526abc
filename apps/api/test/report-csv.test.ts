// CSV cells as a spreadsheet reads them: quoted when they must be, and never run as a formula.
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvStream } from '../src/reports/csv';

describe('report CSV', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text and numbers alone', () => {
    expect(csvLine(['Giỏ hàng, bỏ quên', 'anh "Toản"', 'dòng 1\ndòng 2', 1350000, null, true])).toBe('"Giỏ hàng, bỏ quên","anh ""Toản""","dòng 1\ndòng 2",1350000,,true\r\n');
  });

  it('keeps a cell that looks like a formula as text; negative numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+84909908089')).toBe("'+84909908089");
    expect(csvField(-5)).toBe('-5');
  });

  it('asks for the next page only when the reader wants more', async () => {
    let asked = 0;
    const stream = csvStream(['n'], async () => (++asked <= 3 ? [[asked]] : null));
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toBe('\uFEFFn\r\n');
    expect(asked).toBeLessThanOrEqual(1);
    const rest: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(new TextDecoder().decode(r.value));
    expect(rest).toEqual(['1\r\n', '2\r\n', '3\r\n']);
    expect(asked).toBe(4);
  });
});
