import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import type { Journey } from '../api/types';
import { href } from '../router';
import { JourneySettingsDialog } from './JourneySettingsDialog';
import { useRequestsChanged } from './requestsChanged';

/** In the editor header: a waiting publish request, the journey's settings (name, dates) and its audit log. */
export function EditorTeamButtons({ journey, onJourneyChanged }: { journey: Journey; onJourneyChanged: () => void }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(false);
  const [pending, setPending] = useState(false);
  const changed = useRequestsChanged((s) => s.n);

  useEffect(() => {
    teamApi.requests(journey.id).then((r) => setPending(r[0]?.status === 'pending'), () => setPending(false));
  }, [journey.id, journey.draftRevision, journey.activeVersion, changed]);

  return (
    <>
      {pending && <span className="unpublished" data-testid="awaiting-approval">{t('team.approval.badge')}</span>}
      <a className="small" href={href({ name: 'audit', journeyId: journey.id })} data-testid="journey-audit">{t('team.nav.audit')}</a>
      {journey.status !== 'archived' && (
        <button className="small" data-testid="journey-settings-open" onClick={() => setSettings(true)}>{t('team.housekeeping.settings')}</button>
      )}
      {settings && (
        <JourneySettingsDialog
          journey={journey}
          onClose={() => setSettings(false)}
          onSaved={() => {
            setSettings(false);
            onJourneyChanged();
          }}
        />
      )}
    </>
  );
}
