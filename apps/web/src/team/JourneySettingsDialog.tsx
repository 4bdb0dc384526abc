import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import { getWorkspaceTimeZone } from '../format';
import { toast } from '../ui/toasts';
import { teamError } from './teamError';
import { epochToWallClock, wallClockToEpoch } from './zonedTime';
import { ZonedDateTimeField } from './ZonedDateTimeField';

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
  const [startsOk, setStartsOk] = useState(true);
  const [endsOk, setEndsOk] = useState(true);
  const [busy, setBusy] = useState(false);
  const startEpoch = wallClockToEpoch(startsAt, tz);
  const endEpoch = wallClockToEpoch(endsAt, tz);
  const endsTooEarly = startEpoch !== null && endEpoch !== null && endEpoch <= startEpoch;
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
          <div className="row wrap">
            <ZonedDateTimeField label={t('team.housekeeping.startsAt')} value={startsAt} timeZone={tz} testId="settings-starts" onChange={(v, ok) => { setStartsAt(v); setStartsOk(ok); }} />
            <ZonedDateTimeField
              label={t('team.housekeeping.endsAt')}
              value={endsAt}
              timeZone={tz}
              testId="settings-ends"
              problem={endsTooEarly ? t('testRunText.dateTime.endsBeforeStart') : null}
              onChange={(v, ok) => { setEndsAt(v); setEndsOk(ok); }}
            />
          </div>
          <p className="muted">{t('team.housekeeping.datesHelp')} ({tz})</p>
          {error && <p className="error" role="alert" data-testid="settings-error">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('team.housekeeping.cancel')}</button></Dialog.Close>
            <button className="primary" data-testid="settings-save" disabled={busy || !name.trim() || !startsOk || !endsOk || endsTooEarly} onClick={() => void save()}>{t('team.housekeeping.save')}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
