// #/segments: every segment with its size (counting while the first evaluation runs).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { navigate } from '../router';
import { describeError } from '../ui/describeError';
import { segmentsApi, type SegmentView } from './api';
import { useSegmentTexts } from './texts';
import './segments.css';

const REFRESH_MS = 2_000;

export function SegmentsScreen() {
  useSegmentTexts();
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<SegmentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const counting = rows?.some((r) => r.evaluatedAt === null) ?? false;

  useEffect(() => {
    let live = true;
    const load = () =>
      segmentsApi.list().then(
        (list) => live && (setRows(list), setError(null)),
        (e: unknown) => live && setError(describeError(e, t)),
      );
    void load();
    // Sizes grow while a new segment is first counted: look again until every one is done.
    const timer = counting ? setInterval(() => void load(), REFRESH_MS) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [t, counting]);

  return (
    <section className="page segments">
      <div className="segments-head">
        <h1>{t('segments.title')}</h1>
        <button className="primary" data-testid="segment-new" onClick={() => navigate({ name: 'segment', segmentId: null })}>{t('segments.new')}</button>
      </div>
      <p className="muted">{t('segments.intro')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">{t('segments.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="segments-table" data-testid="segments-table">
          <thead>
            <tr>
              <th>{t('segments.name')}</th>
              <th>{t('segments.members')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} data-testid="segment-row" data-name={s.name}>
                <td>
                  <a href={`#/segments/${encodeURIComponent(s.id)}`}>{s.name}</a>
                  {s.timeBased && <span className="pill"> {t('segments.timeBased')}</span>}
                </td>
                <td data-testid="segment-size" data-members={s.members} data-counting={s.evaluatedAt === null}>
                  {t('segments.membersCount', { count: s.members, formatted: formatNumber(s.members, i18n.language) })}
                  {s.evaluatedAt === null && <span className="muted"> ({t('segments.counting')})</span>}
                </td>
                <td><a href={`#/segments/${encodeURIComponent(s.id)}`}>{t('segments.open')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
