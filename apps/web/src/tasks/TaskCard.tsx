// One task: who to contact and how, why the journey asked, when it is due, and the outcome buttons.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { href } from '../router';
import { outcomes, type Outcome, type StaffTask } from './api';

interface Props {
  task: StaffTask;
  meId: string | null;
  busy: boolean;
  onClaim: () => void;
  onComplete: (outcome: Outcome, note: string) => void;
}

export function TaskCard({ task, meId, busy, onClaim, onComplete }: Props) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const lang = i18n.language;
  const overdue = task.status === 'open' && task.dueAt !== null && task.dueAt < Date.now();
  const claimedByOther = !!task.claimedBy && task.claimedBy.id !== meId;
  const kind = t(`tasks.kind.${task.kind}`, { defaultValue: task.kind });
  return (
    <li className={`task-card status-${task.status}`} data-testid="task-card" data-task-id={task.id}>
      <div className="task-head">
        <span className="pill">{kind}</span>
        <strong className="task-title">{task.title || kind}</strong>
        {task.dueAt !== null && task.status === 'open' && (
          <span className={overdue ? 'pill bad' : 'pill'} data-testid="task-due">
            {t('tasks.due')}: {formatDateTime(task.dueAt, lang)}{overdue ? ` · ${t('tasks.overdue')}` : ''}
          </span>
        )}
      </div>
      <dl className="task-facts">
        <dt>{t('tasks.customer')}</dt>
        <dd>
          <a href={href({ name: 'customer', customerId: task.customer.id })} title={t('tasks.openProfile')} data-testid="task-customer">
            {task.customer.name ?? t('tasks.unnamed')}
          </a>
          {task.customer.phone && (
            <>
              {' · '}
              <a href={`tel:${task.customer.phone}`} data-testid="task-phone">{task.customer.phone}</a>
            </>
          )}
          {task.customer.email && <span className="muted"> · {task.customer.email}</span>}
        </dd>
        <dt>{t('tasks.why')}</dt>
        <dd data-testid="task-why">
          {task.why ? (
            <a href={href({ name: 'editor', journeyId: task.why.journeyId })} title={t('tasks.openJourney')}>
              {t('tasks.whyStep', { journey: task.why.journeyName ?? task.why.journeyId, step: task.why.stepName ?? task.title })}
            </a>
          ) : (
            t('tasks.whyNone')
          )}
        </dd>
        <dt>{t('tasks.assignee')}</dt>
        <dd>
          {task.assignee ?? t('tasks.everyone')}
          {task.claimedBy && <span className="muted"> · {t('tasks.claimedBy', { who: task.claimedBy.label })}</span>}
        </dd>
      </dl>
      {task.status === 'open' && task.why?.journeyStatus && task.why.journeyStatus !== 'active' && (
        <p className="pill warn task-stale" data-testid="task-journey-ended">
          {t('tasks.journeyEnded', { status: t(`tasks.journeyStatus.${task.why.journeyStatus}`) })}
        </p>
      )}
      {task.note && <p className="task-note">{task.note}</p>}
      {task.status === 'done' && task.outcome && (
        <p className="task-outcome" data-testid="task-outcome">
          <span className={task.outcome === 'booked' || task.outcome === 'reached' ? 'pill good' : 'pill warn'}>
            {t('tasks.doneBy', { outcome: t(`tasks.outcome.${task.outcome}`), who: task.completedBy?.label ?? '', when: formatDateTime(task.completedAt, lang) })}
          </span>
          {task.outcomeNote && <span className="muted"> {task.outcomeNote}</span>}
        </p>
      )}
      {task.status === 'open' && !claimedByOther && (
        <div className="task-actions">
          {!task.claimedBy && (
            <button onClick={onClaim} disabled={busy} data-testid="task-claim">
              {t('tasks.claim')}
            </button>
          )}
          <label className="task-note-input">
            <span className="sr-only">{t('tasks.note')}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('tasks.notePlaceholder')} maxLength={2000} data-testid="task-note" />
          </label>
          <div className="task-outcomes" role="group" aria-label={t('tasks.outcomeLabel')}>
            {outcomes.map((o) => (
              <button key={o} className={o === 'booked' ? 'primary' : ''} disabled={busy} onClick={() => onComplete(o, note)} data-testid={`task-outcome-${o}`}>
                {t(`tasks.outcome.${o}`)}
              </button>
            ))}
          </div>
        </div>
      )}
    </li>
  );
}
