import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import type { JourneySummary } from '../api/types';
import { formatDateTime } from '../format';
import { toast } from '../ui/toasts';
import { DeleteJourneyDialog } from './DeleteJourneyDialog';
import { JourneySettingsDialog } from './JourneySettingsDialog';
import { teamError } from './teamError';

/** The entry window in words: "From 1 Mar 2026 08:00 until …", or "Always open". */
export function EntryWindow({ journey }: { journey: Pick<JourneySummary, 'startsAt' | 'endsAt'> }) {
  const { t, i18n } = useTranslation();
  const { startsAt, endsAt } = journey;
  if (startsAt == null && endsAt == null) return <span className="muted">{t('team.housekeeping.always')}</span>;
  const parts = [
    startsAt != null ? t('team.housekeeping.from', { when: formatDateTime(startsAt, i18n.language) }) : null,
    endsAt != null ? t('team.housekeeping.until', { when: formatDateTime(endsAt, i18n.language) }) : null,
  ];
  return <span data-testid="entry-window">{parts.filter(Boolean).join(' ')}</span>;
}

/** Settings (rename, dates), duplicate and delete for one row of the journeys list. */
export function JourneyRowActions({ journey, onChanged }: { journey: JourneySummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'settings' | 'delete' | null>(null);

  async function duplicate() {
    try {
      const copy = await teamApi.duplicateJourney(journey.id);
      toast.success(t('team.housekeeping.duplicated', { name: copy.name }));
      onChanged();
    } catch (err) {
      toast.error(teamError(err, t));
    }
  }

  const done = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <span className="row">
      <button className="small" data-testid={`settings-${journey.id}`} onClick={() => setOpen('settings')}>{t('team.housekeeping.settings')}</button>
      <button className="small" data-testid={`duplicate-${journey.id}`} onClick={() => void duplicate()}>{t('team.housekeeping.duplicate')}</button>
      <button className="small" data-testid={`delete-${journey.id}`} onClick={() => setOpen('delete')}>{t('team.housekeeping.delete')}</button>
      {open === 'settings' && <JourneySettingsDialog journey={journey} onClose={() => setOpen(null)} onSaved={done} />}
      {open === 'delete' && <DeleteJourneyDialog journey={journey} onClose={() => setOpen(null)} onDeleted={done} />}
    </span>
  );
}
