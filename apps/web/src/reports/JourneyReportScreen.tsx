// #/reports/<journey>: one version's results: entered, in progress, converted, revenue within the
// goal window, referrals credited; each step's messages; the A/B groups and holdout side by side.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeType } from '../catalog/registry';
import { formatNumber, formatVnd } from '../format';
import { nodeLabel } from '../i18n/nodeLabels';
import { describeError } from '../ui/describeError';
import { journeyCsv, reportsApi, type JourneyReport } from './api';
import { percent } from './percent';
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
          <div className="report-scroll">
            <table className="table" data-testid="report-steps">
              <thead>
                <tr>
                  <th>{t('reports.step')}</th>
                  <th className="num">{t('reports.entered')}</th>
                  <th className="num">{t('reports.sent')}</th>
                  <th className="num">{t('reports.delivered')}</th>
                  <th className="num">{t('reports.opened')}</th>
                  <th className="num">{t('reports.clicked')}</th>
                  <th className="num">{t('reports.replied')}</th>
                  <th className="num">{t('reports.failed')}</th>
                  <th className="num">{t('reports.postponed')}</th>
                </tr>
              </thead>
              <tbody>
                {report.steps.map((row) => (
                  <tr key={row.nodeId}>
                    <td>{row.label || nodeLabel(nodeType(row.type), row.type)}</td>
                    <td className="num">{n(row.entered)}</td>
                    <td className="num">{n(row.sent)}</td>
                    <td className="num">{n(row.delivered)}</td>
                    <td className="num">{n(row.opened)}</td>
                    <td className="num">{n(row.clicked)}</td>
                    <td className="num">{n(row.replied)}</td>
                    <td className="num">{n(row.failed)}</td>
                    <td className="num">{n(row.postponed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="report-exports">
            <a href={journeyCsv(journeyId, 'steps', shown)} download>{t('reports.csv')}</a>
          </p>

          <h2>{t('reports.groups')}</h2>
          {report.groups.length === 0 ? (
            <p className="muted">{t('reports.noGroups')}</p>
          ) : (
            <>
              <div className="report-scroll">
                <table className="table" data-testid="report-groups">
                  <thead>
                    <tr>
                      <th>{t('reports.group')}</th>
                      <th className="num">{t('reports.size')}</th>
                      <th className="num">{t('reports.converted')}</th>
                      <th className="num">{t('reports.conversionRate')}</th>
                      <th className="num">{t('reports.revenue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.groups.map((g) => (
                      <tr key={`${g.splitNodeId}:${g.group}`}>
                        <td>{g.holdout ? t('reports.holdout') : g.label}</td>
                        <td className="num">{n(g.size)}</td>
                        <td className="num">{n(g.converted)}</td>
                        <td className="num">{percent(g.conversionRate, i18n.language)}</td>
                        <td className="num">{formatVnd(g.revenue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="report-exports">
                <a href={journeyCsv(journeyId, 'groups', shown)} download>{t('reports.csv')}</a>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
