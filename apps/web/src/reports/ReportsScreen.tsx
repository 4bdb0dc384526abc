// #/reports: every journey's results at a glance, and engagement per channel, customer group,
// hour of day and day of week (the data behind "best channel").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatVnd } from '../format';
import { describeError } from '../ui/describeError';
import { reportsApi, type JourneyLine } from './api';
import { EngagementSection } from './EngagementSection';
import { percent } from './percent';
import { useReportsTexts } from './texts';
import './reports.css';

export function ReportsScreen() {
  useReportsTexts();
  const { t, i18n } = useTranslation();
  const [journeys, setJourneys] = useState<JourneyLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    reportsApi
      .journeys()
      .then((r) => setJourneys(r.journeys))
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [t]);

  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="page reports" data-testid="reports">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <h2>{t('reports.journeys')}</h2>
      {!journeys && !error && <p>{t('reports.loading')}</p>}
      {journeys?.length === 0 && <p className="muted">{t('reports.none')}</p>}
      {journeys && journeys.length > 0 && (
        <div className="report-scroll">
          <table className="table" data-testid="report-journeys">
            <thead>
              <tr>
                <th>{t('reports.journey')}</th>
                <th>{t('reports.version')}</th>
                <th className="num">{t('reports.entered')}</th>
                <th className="num">{t('reports.inProgress')}</th>
                <th className="num">{t('reports.converted')}</th>
                <th className="num">{t('reports.conversionRate')}</th>
                <th className="num">{t('reports.revenue')}</th>
              </tr>
            </thead>
            <tbody>
              {journeys.map((j) => (
                <tr key={j.id}>
                  <td>
                    <a href={`#/reports/${encodeURIComponent(j.id)}`}>{j.name}</a>
                  </td>
                  <td>{j.version ? t('reports.versionN', { n: j.version }) : t('reports.noVersion')}</td>
                  <td className="num">{n(j.summary.entered)}</td>
                  <td className="num">{n(j.summary.inProgress)}</td>
                  <td className="num">{n(j.summary.converted)}</td>
                  <td className="num">{percent(j.summary.conversionRate, i18n.language)}</td>
                  <td className="num">{formatVnd(j.summary.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <EngagementSection />
    </div>
  );
}
