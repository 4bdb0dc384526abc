import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import type { JourneySummary } from '../api/types';
import { formatDateTime, formatNumber } from '../format';
import { href } from '../router';
import { describeError } from '../ui/describeError';
import { useSession } from '../session';
import { CreateJourneyDialog } from './CreateJourneyDialog';
import { matches } from '../team/fold';
import { EntryWindow, JourneyRowActions } from '../team/JourneyRowActions';

export function JourneysList() {
  const { t, i18n } = useTranslation();
  const [journeys, setJourneys] = useState<JourneySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState('');
  const [statusFilter, setStatusFilter] = useState<JourneySummary['status'] | ''>('');
  const me = useSession((s) => s.me);
  const canEdit = me?.role !== 'viewer';
  const who = (id: string) => (me && id === me.id ? me.email : id);

  const load = useCallback(async () => {
    setError(null);
    try {
      const list = await journeysApi.list();
      setJourneys(list);
      // Counts come from each active version's stats; the list shows without waiting for them.
      const withCounts = await Promise.all(
        list.map(async (j) => {
          // The list has no editor or counts: the journey itself and its versions' stats do.
          const [detail, totals] = await Promise.all([
            journeysApi.get(j.id).catch(() => null),
            j.activeVersion === null ? null : journeysApi.totals(j.id, j.activeVersion).catch(() => null),
          ]);
          return { ...j, updatedBy: detail?.updatedBy ?? j.updatedBy, ...(totals ?? {}) };
        }),
      );
      setJourneys(withCounts);
    } catch (err) {
      setError(describeError(err, t));
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const lang = i18n.language;
  const shown = journeys?.filter((j) => (!statusFilter || j.status === statusFilter) && (!query.trim() || matches(j.name, query))) ?? null;
  const n = (v: number | null) => (v === null ? t('journeys.none') : formatNumber(v, lang));

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('journeys.title')}</h1>
        <button className="primary" data-testid="new-journey" onClick={() => setCreating(true)}>{t('journeys.create')}</button>
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error} <button onClick={() => void load()}>{t('errors.retry')}</button>
        </div>
      )}
      {journeys && journeys.length > 0 && (
        <div className="row filters">
          <input type="search" data-testid="journey-search" placeholder={t('team.housekeeping.search')} aria-label={t('team.housekeeping.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <select data-testid="journey-status-filter" aria-label={t('journeys.status')} value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as JourneySummary['status'] | '')}>
            <option value="">{t('team.housekeeping.allStatuses')}</option>
            {(['draft', 'active', 'paused', 'archived'] as const).map((s) => (
              <option key={s} value={s}>{t(`journeys.statusValue.${s}`)}</option>
            ))}
          </select>
        </div>
      )}
      {journeys && journeys.length === 0 && <p className="muted">{t('journeys.empty')}</p>}
      {shown && journeys && journeys.length > 0 && shown.length === 0 && <p className="muted">{t('team.housekeeping.noMatch')}</p>}
      {shown && shown.length > 0 && (
        <table className="table" data-testid="journeys-table">
          <thead>
            <tr>
              <th>{t('journeys.name')}</th>
              <th>{t('journeys.status')}</th>
              <th>{t('journeys.activeVersion')}</th>
              <th className="num">{t('journeys.entered')}</th>
              <th className="num">{t('journeys.converted')}</th>
              <th>{t('journeys.lastEdited')}</th>
              <th>{t('team.housekeeping.dates')}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {shown.map((j) => (
              <tr key={j.id}>
                <td><a href={href({ name: 'editor', journeyId: j.id })}>{j.name}</a></td>
                <td><span className={`status status-${j.status}`}>{t(`journeys.statusValue.${j.status}`)}</span></td>
                <td>
                  {j.activeVersion === null ? t('journeys.none') : `v${j.activeVersion}`}
                  {j.activeVersion !== null && j.hasUnpublishedChanges && (
                    <> <span className="unpublished" data-testid={`unpublished-${j.id}`} title={t('review.unpublishedHelp')}>{t('review.unpublished')}</span></>
                  )}
                </td>
                <td className="num">{n(j.entered)}</td>
                <td className="num">{n(j.converted)}</td>
                <td>
                  {formatDateTime(j.updatedAt, lang)}
                  {j.updatedBy && <span className="muted"> {t('journeys.by', { who: who(j.updatedBy) })}</span>}
                </td>
                <td><EntryWindow journey={j} /></td>
                {canEdit && <td><JourneyRowActions journey={j} onChanged={() => void load()} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <CreateJourneyDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
