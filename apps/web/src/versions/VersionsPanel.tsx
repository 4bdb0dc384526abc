import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import { reviewApi } from '../api/review';
import type { JourneyVersion } from '../api/types';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import { describeError } from '../ui/describeError';
import { describePublishError } from './describePublishError';
import { toast } from '../ui/toasts';

type Props = { journeyId: string; activeVersion: number | null; refreshKey: number; onChanged: () => void; onRolledBack: () => void };

/** Who published what and when; open, compare or roll back any version. */
export function VersionsPanel({ journeyId, activeVersion, refreshKey, onChanged, onRolledBack }: Props) {
  const { t, i18n } = useTranslation();
  const [versions, setVersions] = useState<JourneyVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);

  const load = useCallback(() => {
    journeysApi.versions(journeyId).then(
      (v) => setVersions([...v].sort((a, b) => b.version - a.version)),
      (e: unknown) => setError(describeError(e, t)),
    );
  }, [journeyId, t]);

  useEffect(load, [load, refreshKey]);

  async function rollback(version: number) {
    if (!window.confirm(t('review.rollbackConfirm', { version }))) return;
    try {
      // The live version shown here is what the rollback replaces; another one live by now is a 409.
      const r = await reviewApi.rollback(journeyId, version, activeVersion);
      toast.success(r.unchanged ? t('versions.draftReset', { version }) : t('versions.rolledBack', { version: r.version.version, from: version }));
      load();
      onChanged();
      onRolledBack();
    } catch (e) {
      toast.error(describePublishError(e, t));
    }
  }

  function toggle(version: number) {
    setPicked((p) => (p.includes(version) ? p.filter((x) => x !== version) : [...p, version].slice(-2)));
  }

  if (error) return <p className="error">{error}</p>;
  if (!versions) return <p className="muted">…</p>;
  if (versions.length === 0) return <p className="muted">{t('versions.none')}</p>;
  const [a, b] = [...picked].sort((x, y) => x - y);
  return (
    <div className="versions" data-testid="versions">
      <div className="row">
        <button className="small" data-testid="compare" disabled={picked.length !== 2} onClick={() => a && b && navigate({ name: 'diff', journeyId, from: a, to: b })}>
          {t('versions.compare')}
        </button>
        {picked.length !== 2 && <small className="muted">{t('versions.pickTwo')}</small>}
      </div>
      <ul>
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <label className="check">
              <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} aria-label={t('versions.compare')} />
              <strong>{t('versions.version', { version: v.version })}</strong>
              {v.version === activeVersion && <span className="status status-active">{t('versions.active')}</span>}
            </label>
            <div className="muted">{t('versions.publishedBy', { who: v.author ?? '—', when: formatDateTime(v.createdAt, i18n.language) })}</div>
            {v.note && <div className="note">{v.note}</div>}
            <div className="row">
              <button className="small" onClick={() => navigate({ name: 'version', journeyId, version: v.version })}>{t('versions.view')}</button>
              {v.version !== activeVersion && (
                <button className="small" data-testid={`rollback-${v.version}`} onClick={() => void rollback(v.version)}>{t('versions.rollback')}</button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
