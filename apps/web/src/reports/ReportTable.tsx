// The reports' one table: columns declared once (header, number or text, cell), a sideways scroll
// on narrow screens, and the table's CSV link under it. The message counts a step and a channel
// both show are declared here once too, so the two tables cannot drift apart.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Column<Row> = { header: string; numeric?: boolean; cell: (row: Row) => ReactNode };

export function ReportTable<Row>({ columns, rows, rowKey, testId, csv }: { columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string; testId?: string; csv?: string }) {
  const { t } = useTranslation();
  const cls = (c: Column<Row>) => (c.numeric ? 'num' : undefined);
  return (
    <>
      <div className="report-scroll">
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} className={cls(c)}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c, i) => (
                  <td key={i} className={cls(c)}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {csv && (
        <p className="report-exports">
          <a href={csv} download>{t('reports.csv')}</a>
        </p>
      )}
    </>
  );
}

export type MessageCounts = { sent: number; delivered: number; opened: number; clicked: number; replied: number; failed: number };

/** Sent → failed, as a journey's steps and the channels both count their messages. */
export function messageCountColumns<Row extends MessageCounts>(t: (key: string) => string, n: (v: number) => string): Column<Row>[] {
  return (['sent', 'delivered', 'opened', 'clicked', 'replied', 'failed'] as const).map((key) => ({ header: t(`reports.${key}`), numeric: true, cell: (row: Row) => n(row[key]) }));
}
