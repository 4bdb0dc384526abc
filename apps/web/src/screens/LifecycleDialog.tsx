import { useEffect, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import { reviewApi, type InFlight } from '../api/review';
import type { Journey } from '../api/types';
import { formatNumber } from '../format';
import { describeError } from '../ui/describeError';
import { InFlightTable } from '../versions/InFlightTable';

export type LifecycleAction = 'pause' | 'resume' | 'archive';
type Props = { journey: Journey; action: LifecycleAction; onClose: () => void; onDone: () => void };

/** Pause, resume and archive say what happens to the customers inside before anything happens. */
export function LifecycleDialog({ journey, action, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [inFlight, setInFlight] = useState<InFlight | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    reviewApi.inFlight(journey.id).then(setInFlight, (e: unknown) => setError(describeError(e, t)));
  }, [journey.id, t]);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      if (action === 'pause') await journeysApi.pause(journey.id);
      else if (action === 'resume') await journeysApi.resume(journey.id);
      else await reviewApi.archive(journey.id);
      onDone();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const count = inFlight?.customers ?? 0;
  const n = formatNumber(count, i18n.language);
  // Archiving a paused journey releases the customers it was holding (see the API's archive).
  const effect = action === 'archive' && journey.status === 'paused' ? 'archivePaused' : action;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="lifecycle-dialog">
          <Dialog.Title>{t(`lifecycle.${action}.title`, { name: journey.name })}</Dialog.Title>
          <p>{t(`lifecycle.${action}.entries`)}</p>
          {inFlight ? (
            <>
              <p data-testid="lifecycle-effect">{count === 0 ? t('lifecycle.nobodyInside') : t(`lifecycle.${effect}.inside`, { count, n })}</p>
              {count > 0 && <InFlightTable journeyId={journey.id} inFlight={inFlight} activeVersion={journey.activeVersion} />}
            </>
          ) : (
            !error && <p className="muted">{t('review.loading')}</p>
          )}
          {error && <p className="error" role="alert">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('journeys.cancel')}</button></Dialog.Close>
            <button className={action === 'archive' ? 'danger' : 'primary'} data-testid="lifecycle-confirm" disabled={busy || !inFlight} onClick={() => void confirm()}>
              {t(`lifecycle.${action}.confirm`)}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
