// CSV that streams: rows are fetched a page at a time only when the client has read the last
// one (a pull stream), so an export of a million enrolments holds one page in memory, never the file.

export type CsvValue = string | number | boolean | null | undefined;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (values: CsvValue[]) => `${values.map(csvField).join(',')}\r\n`;

/**
 * `nextPage` returns the next rows, or null when there are no more. The byte-order mark lets
 * Excel read the Vietnamese text as UTF-8.
 */
export function csvStream(header: string[], nextPage: () => Promise<CsvValue[][] | null>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
          return;
        }
        const rows = await nextPage();
        if (rows === null) {
          controller.close();
          return;
        }
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
      },
    },
    { highWaterMark: 1 },
  );
}

/** A stream over a fixed, already-bounded table (the summary, steps, groups, engagement). */
export function csvOf(header: string[], rows: CsvValue[][]): ReadableStream<Uint8Array> {
  let done = false;
  return csvStream(header, async () => {
    if (done) return null;
    done = true;
    return rows;
  });
}

export function csvHeaders(filename: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'no-store',
  };
}
