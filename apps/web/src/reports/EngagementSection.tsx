// Engagement per channel, per customer group, and by hour / weekday in the workspace zone: each
// cell is "answered of sent", shaded by its rate, so the best time per channel stands out.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { channelText } from '../i18n/journeyWords';
import { describeError } from '../ui/describeError';
import { engagementCsv, reportsApi, type Engagement, type TimeCell } from './api';
import { percent } from './percent';

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
          <div className="report-scroll">
            <table className="table" data-testid="report-channels">
              <thead>
                <tr>
                  <th>{t('reports.channel')}</th>
                  <th className="num">{t('reports.sent')}</th>
                  <th className="num">{t('reports.delivered')}</th>
                  <th className="num">{t('reports.opened')}</th>
                  <th className="num">{t('reports.clicked')}</th>
                  <th className="num">{t('reports.replied')}</th>
                  <th className="num">{t('reports.failed')}</th>
                  <th className="num">{t('reports.engagementRate')}</th>
                </tr>
              </thead>
              <tbody>
                {data.channels.map((c) => (
                  <tr key={c.channel}>
                    <td>{channelText(c.channel)}</td>
                    <td className="num">{n(c.sent)}</td>
                    <td className="num">{n(c.delivered)}</td>
                    <td className="num">{n(c.opened)}</td>
                    <td className="num">{n(c.clicked)}</td>
                    <td className="num">{n(c.replied)}</td>
                    <td className="num">{n(c.failed)}</td>
                    <td className="num">{percent(c.engagementRate, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="report-exports">
            <a href={engagementCsv('channels', segment)} download>{t('reports.csv')}</a>
          </p>
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
          {data.groups.length > 0 && (
            <div className="report-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('reports.segment')}</th>
                    <th>{t('reports.channel')}</th>
                    <th className="num">{t('reports.customers')}</th>
                    <th className="num">{t('reports.sent')}</th>
                    <th className="num">{t('reports.engagementRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.groups.map((g) => (
                    <tr key={`${g.segmentId}:${g.channel}`}>
                      <td>{g.segment}</td>
                      <td>{channelText(g.channel)}</td>
                      <td className="num">{n(g.customers)}</td>
                      <td className="num">{n(g.sent)}</td>
                      <td className="num">{percent(g.engagementRate, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="report-exports">
            <a href={engagementCsv('groups')} download>{t('reports.csv')}</a>
          </p>
        </>
      )}
    </section>
  );
}
