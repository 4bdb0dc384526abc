import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import { toast } from '../ui/toasts';
import { teamError } from './teamError';

type Props = { journey: { id: string; name: string }; onClose: () => void; onDeleted: () => void };

/** Deleting is for good; the server refuses while customers are inside and the dialog says how many. */
export function DeleteJourneyDialog({ journey, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await teamApi.deleteJourney(journey.id);
      toast.success(t('team.housekeeping.deleted', { name: journey.name }));
      onDeleted();
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
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="delete-journey">
          <Dialog.Title>{t('team.housekeeping.deleteTitle', { name: journey.name })}</Dialog.Title>
          <p>{t('team.housekeeping.deleteBody')}</p>
          {error && <p className="error" role="alert" data-testid="delete-error">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('team.housekeeping.cancel')}</button></Dialog.Close>
            <button className="danger" data-testid="delete-confirm" disabled={busy} onClick={() => void remove()}>{t('team.housekeeping.delete')}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
