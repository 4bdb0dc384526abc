// Engagement per channel, per customer group, and by hour / weekday in the workspace zone: each
// cell is "answered of sent", shaded by its rate, so the best time per channel stands out.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { channelText } from '../i18n/journeyWords';
import { describeError } from '../ui/describeError';
import { engagementCsv, reportsApi, type ChannelRow, type Engagement, type TimeCell } from './api';
import { percent } from './percent';
import { messageCountColumns, ReportTable, type Column } from './ReportTable';

function Grid({ cells, slots, slotName, testId }: { cells: TimeCell[]; slots: number[]; slotName: (s: number) => string; testId: string }) {
  const { t } = useTranslation();
  const channels = [...new Set(cells.map((c) => c.channel))];
  const at = new Map(cells.map((c) => [`${c.channel}:${c.slot}`, c]));
  return (
    <div className="report-scroll">
      <table className="table heat" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('reports.channel')}</th>
            {slots.map((s) => (
              <th key={s} className="num">{slotName(s)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => (
            <tr key={ch}>
              <th>{channelText(ch)}</th>
              {slots.map((s) => {
                const c = at.get(`${ch}:${s}`);
                const r = c && c.sent > 0 ? c.engaged / c.sent : 0;
                return (
                  <td key={s} className="num" title={c ? t('reports.cell', { engaged: c.engaged, sent: c.sent }) : ''} style={c ? { background: `rgba(13, 148, 136, ${0.08 + r * 0.6})` } : undefined}>
                    {c ? c.sent : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EngagementSection() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<Engagement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [segment, setSegment] = useState<string | null>(null);
  useEffect(() => {
    reportsApi
      .segments()
      .then(setGroups)
      .catch(() => setGroups([]));
  }, []);
  useEffect(() => {
    reportsApi
      .engagement(segment)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [t, segment]);
  const n = (v: number) => formatNumber(v, i18n.language);
  const rate = (r: number) => percent(r, i18n.language);
  const channelColumns: Column<ChannelRow>[] = [
    { header: t('reports.channel'), cell: (c) => channelText(c.channel) },
    ...messageCountColumns<ChannelRow>(t, n),
    { header: t('reports.engagementRate'), numeric: true, cell: (c) => rate(c.engagementRate) },
  ];
  const groupColumns: Column<Engagement['groups'][number]>[] = [
    { header: t('reports.segment'), cell: (g) => g.segment },
    { header: t('reports.channel'), cell: (g) => channelText(g.channel) },
    { header: t('reports.customers'), numeric: true, cell: (g) => n(g.customers) },
    { header: t('reports.sent'), numeric: true, cell: (g) => n(g.sent) },
    { header: t('reports.engagementRate'), numeric: true, cell: (g) => rate(g.engagementRate) },
  ];
  const weekdays = t('reports.weekdays').split(',');
  return (
    <section className="report-engagement">
      <h2>{t('reports.engagement')}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {data && <p className="muted">{t('reports.engagementIntro', { tz: data.timezone })}</p>}
      {groups.length > 0 && (
        <label className="report-version">
          {t('reports.segment')}{' '}
          <select value={segment ?? ''} onChange={(e) => setSegment(e.target.value || null)} data-testid="report-segment">
            <option value="">{t('reports.allCustomers')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {data?.channels.length === 0 && <p className="muted">{t('reports.noMessages')}</p>}
      {data && data.channels.length > 0 && (
        <>
          <ReportTable testId="report-channels" columns={channelColumns} rows={data.channels} rowKey={(c) => c.channel} csv={engagementCsv('channels', segment)} />
          <h3>{t('reports.byHour')}</h3>
          <Grid cells={data.byHour} slots={Array.from({ length: 24 }, (_, i) => i)} slotName={(s) => `${s}h`} testId="report-hours" />
          <p className="report-exports">
            <a href={engagementCsv('hours', segment)} download>{t('reports.csv')}</a>
          </p>
          <h3>{t('reports.byWeekday')}</h3>
          <Grid cells={data.byWeekday} slots={[1, 2, 3, 4, 5, 6, 0]} slotName={(s) => weekdays[s] ?? String(s)} testId="report-weekdays" />
          <p className="report-exports">
            <a href={engagementCsv('weekdays', segment)} download>{t('reports.csv')}</a>
          </p>
          <h3>{t('reports.byGroup')}</h3>
          {data.groups.length > 0 ? (
            <ReportTable columns={groupColumns} rows={data.groups} rowKey={(g) => `${g.segmentId}:${g.channel}`} csv={engagementCsv('groups')} />
          ) : (
            <p className="report-exports">
              <a href={engagementCsv('groups')} download>{t('reports.csv')}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
