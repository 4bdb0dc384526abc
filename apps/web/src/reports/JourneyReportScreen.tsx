// #/reports/<journey>: one version's results: entered, in progress, converted, revenue within the
// goal window, referrals credited; each step's messages; the A/B groups and holdout side by side.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeType } from '../catalog/registry';
import { formatNumber, formatVnd } from '../format';
import { nodeLabel } from '../i18n/nodeLabels';
import { describeError } from '../ui/describeError';
import { journeyCsv, reportsApi, type GroupRow, type JourneyReport, type StepRow } from './api';
import { percent } from './percent';
import { messageCountColumns, ReportTable, type Column } from './ReportTable';
import { useReportsTexts } from './texts';
import './reports.css';

const DAY_MS = 86_400_000;

export function JourneyReportScreen({ journeyId }: { journeyId: string }) {
  useReportsTexts();
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState<number | null>(null);
  const [latest, setLatest] = useState<number | null>(null);
  const [report, setReport] = useState<JourneyReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    reportsApi
      .journey(journeyId, version)
      .then((r) => {
        setReport(r);
        setLatest((l) => l ?? r.journey.version);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [journeyId, version, t]);

  const n = (v: number) => formatNumber(v, i18n.language);
  const stepColumns: Column<StepRow>[] = [
    { header: t('reports.step'), cell: (row) => row.label || nodeLabel(nodeType(row.type), row.type) },
    { header: t('reports.entered'), numeric: true, cell: (row) => n(row.entered) },
    ...messageCountColumns<StepRow>(t, n),
    { header: t('reports.postponed'), numeric: true, cell: (row) => n(row.postponed) },
  ];
  const groupColumns: Column<GroupRow>[] = [
    { header: t('reports.group'), cell: (g) => (g.holdout ? t('reports.holdout') : g.label) },
    { header: t('reports.size'), numeric: true, cell: (g) => n(g.size) },
    { header: t('reports.converted'), numeric: true, cell: (g) => n(g.converted) },
    { header: t('reports.conversionRate'), numeric: true, cell: (g) => percent(g.conversionRate, i18n.language) },
    { header: t('reports.revenue'), numeric: true, cell: (g) => formatVnd(g.revenue) },
  ];
  const s = report?.summary;
  const shown = report?.journey.version ?? null;
  return (
    <div className="page reports" data-testid="journey-report">
      <p>
        <a href="#/reports">← {t('reports.back')}</a>
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      {!report && !error && <p>{t('reports.loading')}</p>}
      {report && s && (
        <>
          <div className="page-head">
            <h1>{report.journey.name}</h1>
            <a href={`#/journeys/${encodeURIComponent(journeyId)}`}>{t('reports.openCanvas')}</a>
          </div>
          <p className="muted">
            {report.journey.goalEvent
              ? t('reports.goal', { event: report.journey.goalEvent, days: Math.round((report.journey.goalWindowMs ?? 0) / DAY_MS) })
              : t('reports.noGoal')}
          </p>
          {latest && latest > 1 && (
            <label className="report-version">
              {t('reports.version')}{' '}
              <select value={shown ?? ''} onChange={(e) => setVersion(Number(e.target.value))} data-testid="report-version">
                {Array.from({ length: latest }, (_, i) => latest - i).map((v) => (
                  <option key={v} value={v}>
                    {t('reports.versionN', { n: v })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <dl className="report-figures" data-testid="report-summary">
            <div><dt>{t('reports.entered')}</dt><dd>{n(s.entered)}</dd></div>
            <div><dt>{t('reports.inProgress')}</dt><dd>{n(s.inProgress)}</dd></div>
            <div><dt>{t('reports.converted')}</dt><dd>{n(s.converted)}</dd></div>
            <div><dt>{t('reports.conversionRate')}</dt><dd>{percent(s.conversionRate, i18n.language)}</dd></div>
            <div><dt>{t('reports.revenue')}</dt><dd data-testid="report-revenue">{formatVnd(s.revenue)}</dd></div>
            <div><dt>{t('reports.referrals')}</dt><dd data-testid="report-referrals">{n(s.referralsCredited)}</dd></div>
          </dl>
          <p className="report-exports">
            <a href={journeyCsv(journeyId, 'summary', shown)} download>{t('reports.csv')}</a>
            <a href={journeyCsv(journeyId, 'enrolments', shown)} download>{t('reports.exportEnrolments')}</a>
          </p>

          <h2>{t('reports.steps')}</h2>
          <ReportTable testId="report-steps" columns={stepColumns} rows={report.steps} rowKey={(row) => row.nodeId} csv={journeyCsv(journeyId, 'steps', shown)} />

          <h2>{t('reports.groups')}</h2>
          {report.groups.length === 0 ? (
            <p className="muted">{t('reports.noGroups')}</p>
          ) : (
            <ReportTable testId="report-groups" columns={groupColumns} rows={report.groups} rowKey={(g) => `${g.splitNodeId}:${g.group}`} csv={journeyCsv(journeyId, 'groups', shown)} />
          )}
        </>
      )}
    </div>
  );
}
