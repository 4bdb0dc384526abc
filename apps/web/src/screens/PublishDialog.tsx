import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { journeysApi, toIssues } from '../api/journeys';
import type { JourneyVersion } from '../api/types';
import { useCanvas } from '../canvas/store';
import { describeError } from '../ui/describeError';
import { ProblemsList } from './ProblemsList';

type Props = { journeyId: string; flush: () => Promise<boolean>; onClose: () => void; onPublished: (v: JourneyVersion) => void };

/** Publishing is refused while problems remain; the dialog lists them instead of a note field. */
export function PublishDialog({ journeyId, flush, onClose, onPublished }: Props) {
  const { t } = useTranslation();
  const issues = useCanvas((s) => s.issues);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      if (!(await flush())) throw new Error(t('editor.unsaved'));
      const v = await journeysApi.publish(journeyId, note);
      onPublished(v);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const serverIssues = toIssues(err.details);
        if (serverIssues.length) useCanvas.getState().setIssues(serverIssues);
      }
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  const blocked = issues.length > 0;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="publish-dialog">
          <Dialog.Title>{t('editor.publishTitle')}</Dialog.Title>
          {blocked ? (
            <>
              <p className="error" data-testid="publish-blocked">{t('editor.publishBlocked')}</p>
              <ProblemsList />
            </>
          ) : (
            <label>
              {t('editor.publishNote')}
              <textarea data-testid="publish-note" rows={3} value={note} placeholder={t('editor.publishNotePlaceholder')} onChange={(e) => setNote(e.target.value)} />
            </label>
          )}
          {error && <p className="error" role="alert">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('journeys.cancel')}</button></Dialog.Close>
            <button className="primary" data-testid="publish-confirm" disabled={busy || blocked} onClick={() => void publish()}>{t('editor.publish')}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
