import { useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { journeysApi } from '../api/journeys';
import { journeyTemplates } from '../catalog/templates';
import { layOutGraph } from '../canvas/layout';
import { navigate } from '../router';
import { describeError } from '../ui/describeError';

export function CreateJourneyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const templates = journeyTemplates();
  const [choice, setChoice] = useState<string>('blank');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const template = templates.find((x) => x.id === choice);
      const journey = await journeysApi.create({
        name: name.trim() || template?.name || t('journeys.blank'),
        // Laid out top-down once, as it is saved: the marketer's later moves are kept.
        graph: template ? await layOutGraph(template.graph) : { nodes: [], edges: [] },
      });
      onClose();
      navigate({ name: 'editor', journeyId: journey.id });
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <Dialog.Title>{t('journeys.createTitle')}</Dialog.Title>
          <label>
            {t('journeys.name')}
            <input data-testid="journey-name" autoFocus value={name} placeholder={t('journeys.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
          </label>
          <div className="choices" role="radiogroup">
            <label className={`choice ${choice === 'blank' ? 'on' : ''}`}>
              <input type="radio" name="template" value="blank" checked={choice === 'blank'} onChange={() => setChoice('blank')} />
              <strong>{t('journeys.blank')}</strong>
              <span className="muted">{t('journeys.blankHelp')}</span>
            </label>
            {templates.map((tpl) => (
              <label key={tpl.id} className={`choice ${choice === tpl.id ? 'on' : ''}`} data-testid={`template-${tpl.id}`}>
                <input type="radio" name="template" value={tpl.id} checked={choice === tpl.id} onChange={() => setChoice(tpl.id)} />
                <strong>{tpl.name}</strong>
                <span className="muted">{tpl.description}</span>
              </label>
            ))}
          </div>
          {error && <p className="error" role="alert">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('journeys.cancel')}</button></Dialog.Close>
            <button className="primary" data-testid="create-journey" disabled={busy} onClick={() => void create()}>{t('journeys.createButton')}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
