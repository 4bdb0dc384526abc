// #/reports: every journey's results at a glance, and engagement per channel, customer group,
// hour of day and day of week (the data behind "best channel").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatVnd } from '../format';
import { describeError } from '../ui/describeError';
import { reportsApi, type JourneyLine } from './api';
import { EngagementSection } from './EngagementSection';
import { percent } from './percent';
import { ReportTable, type Column } from './ReportTable';
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
  const columns: Column<JourneyLine>[] = [
    { header: t('reports.journey'), cell: (j) => <a href={`#/reports/${encodeURIComponent(j.id)}`}>{j.name}</a> },
    { header: t('reports.version'), cell: (j) => (j.version ? t('reports.versionN', { n: j.version }) : t('reports.noVersion')) },
    { header: t('reports.entered'), numeric: true, cell: (j) => n(j.summary.entered) },
    { header: t('reports.inProgress'), numeric: true, cell: (j) => n(j.summary.inProgress) },
    { header: t('reports.converted'), numeric: true, cell: (j) => n(j.summary.converted) },
    { header: t('reports.conversionRate'), numeric: true, cell: (j) => percent(j.summary.conversionRate, i18n.language) },
    { header: t('reports.revenue'), numeric: true, cell: (j) => formatVnd(j.summary.revenue) },
  ];
  return (
    <div className="page reports" data-testid="reports">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <h2>{t('reports.journeys')}</h2>
      {!journeys && !error && <p>{t('reports.loading')}</p>}
      {journeys?.length === 0 && <p className="muted">{t('reports.none')}</p>}
      {journeys && journeys.length > 0 && (
        <ReportTable testId="report-journeys" columns={columns} rows={journeys} rowKey={(j) => j.id} />
      )}
      <EngagementSection />
    </div>
  );
}
