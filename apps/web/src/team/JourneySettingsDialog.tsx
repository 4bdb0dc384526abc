import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import { getWorkspaceTimeZone } from '../format';
import { toast } from '../ui/toasts';
import { teamError } from './teamError';
import { epochToWallClock, wallClockToEpoch } from './zonedTime';

type Props = {
  journey: { id: string; name: string; startsAt?: number | null | undefined; endsAt?: number | null | undefined };
  onClose: () => void;
  onSaved: () => void;
};

/** Rename, and the entry window: dates in the workspace's time zone, empty for no limit. */
export function JourneySettingsDialog({ journey, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const tz = getWorkspaceTimeZone();
  const [name, setName] = useState(journey.name);
  const [startsAt, setStartsAt] = useState(epochToWallClock(journey.startsAt ?? null, tz));
  const [endsAt, setEndsAt] = useState(epochToWallClock(journey.endsAt ?? null, tz));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await teamApi.updateJourney(journey.id, { name, startsAt: wallClockToEpoch(startsAt, tz), endsAt: wallClockToEpoch(endsAt, tz) });
      toast.success(t('team.housekeeping.saved'));
      onSaved();
    } catch (err) {
      setError(teamError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="journey-settings">
          <Dialog.Title>{t('team.housekeeping.settingsTitle')}</Dialog.Title>
          <label>
            {t('team.housekeeping.name')}
            <input data-testid="settings-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="row">
            <label>
              {t('team.housekeeping.startsAt')}
              <input data-testid="settings-starts" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            </label>
            <label>
              {t('team.housekeeping.endsAt')}
              <input data-testid="settings-ends" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
            </label>
          </div>
          <p className="muted">{t('team.housekeeping.datesHelp')} ({tz})</p>
          {error && <p className="error" role="alert" data-testid="settings-error">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('team.housekeeping.cancel')}</button></Dialog.Close>
            <button className="primary" data-testid="settings-save" disabled={busy || !name.trim()} onClick={() => void save()}>{t('team.housekeeping.save')}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
