import { useTranslation } from 'react-i18next';
import type { ForecastFigures, PublishReview } from '../api/review';
import { formatNumber } from '../format';

type Props = { forecast: NonNullable<PublishReview['forecast']>; liveVersion: number | null };

const DAY = 86_400_000;

/** The new version's forecast beside the live one's, under the same simulated cohort. */
export function ForecastTable({ forecast, liveVersion }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const pct = (f: ForecastFigures) => `${(f.conversionRate * 100).toFixed(1)}%`;
  const median = (f: ForecastFigures) => (f.medianTimeToConvertMs === null ? '—' : t('review.days', { count: Math.round((f.medianTimeToConvertMs / DAY) * 10) / 10 }));
  const rows: [string, (f: ForecastFigures) => string][] = [
    [t('review.conversions'), (f) => `${n(f.conversions)} / ${n(f.customers)}`],
    [t('review.conversionRate'), pct],
    [t('review.medianToConvert'), median],
  ];
  return (
    <>
      <table className="table compact" data-testid="publish-forecast">
        <thead>
          <tr>
            <th />
            {forecast.live && <th className="num">{t('review.liveColumn', { version: liveVersion })}</th>}
            <th className="num">{t('review.nextColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <td>{label}</td>
              {forecast.live && <td className="num">{value(forecast.live)}</td>}
              <td className="num">{value(forecast.next)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <small className="muted">{t('review.assumptions', { customers: n(forecast.customers), rate: Math.round(forecast.eventRatePerDay * 100), days: forecast.horizonDays })}</small>
    </>
  );
}
