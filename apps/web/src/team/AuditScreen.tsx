import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import { teamApi, type AuditEntry } from '../api/team';
import type { JourneySummary } from '../api/types';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { auditDetails } from './auditDetails';
import { teamError } from './teamError';

/** Who did what and when, newest first; the journey filter lives in the address (#/audit/<id>). */
export function AuditScreen({ journeyId }: { journeyId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [journeys, setJourneys] = useState<JourneySummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;

  const load = useCallback(
    async (before?: string) => {
      try {
        const page = await teamApi.audit({ ...(journeyId ? { journeyId } : {}), ...(before ? { before } : {}) });
        setEntries((prev) => (before && prev ? [...prev, ...page.entries] : page.entries));
        setNext(page.next);
      } catch (err) {
        setError(teamError(err, t));
      }
    },
    [journeyId, t],
  );

  useEffect(() => {
    setEntries(null);
    void load();
  }, [load]);
  useEffect(() => {
    journeysApi.list().then(setJourneys, () => undefined);
  }, []);

  return (
    <section className="page" data-testid="audit-screen">
      <div className="page-head">
        <h1>{t('team.audit.title')}</h1>
        <select
          data-testid="audit-journey"
          aria-label={t('team.audit.filterJourney')}
          value={journeyId ?? ''}
          onChange={(e) => navigate(e.target.value ? { name: 'audit', journeyId: e.target.value } : { name: 'audit' })}
        >
          <option value="">{t('team.audit.allJourneys')}</option>
          {journeys.map((j) => (
            <option key={j.id} value={j.id}>{j.name}</option>
          ))}
        </select>
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      {entries && entries.length === 0 && <p className="muted">{t('team.audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('team.audit.when')}</th>
              <th>{t('team.audit.who')}</th>
              <th>{t('team.audit.what')}</th>
              <th>{t('team.audit.journey')}</th>
              <th>{t('team.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{e.actorLabel}</td>
                <td>{t(`team.audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td>
                  {e.journeyId &&
                    (e.journeyName ? (
                      <a href={href({ name: 'editor', journeyId: e.journeyId })}>{e.journeyName}</a>
                    ) : (
                      <span className="muted">{t('team.audit.deletedJourney')}</span>
                    ))}
                </td>
                <td>{auditDetails(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button onClick={() => void load(next)}>{t('team.audit.more')}</button>
      )}
    </section>
  );
}
