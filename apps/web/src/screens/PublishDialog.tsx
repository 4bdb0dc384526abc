import { useCallback, useEffect, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { journeysApi, toIssues } from '../api/journeys';
import { reviewApi, type PublishOutcome, type PublishReview } from '../api/review';
import type { JourneyGraph } from '../api/types';
import { useCanvas } from '../canvas/store';
import { describeError } from '../ui/describeError';
import { ChangeList } from '../versions/ChangeList';
import { describePublishError } from '../versions/describePublishError';
import { ForecastTable } from '../versions/ForecastTable';
import { InFlightTable } from '../versions/InFlightTable';
import { MigrationPlanEditor } from '../versions/MigrationPlanEditor';
import { planToSend, type MigrationPlan } from '../api/migration';
import { ProblemsList } from './ProblemsList';
import { broadcastsApi, type SegmentSummary } from '../api/broadcasts';
import { IncludeMembers } from '../broadcasts/IncludeMembers';
import { formatNumber } from '../format';
import { broadcastTarget } from '../broadcasts/trigger';
import { teamApi } from '../api/team';
import { ApprovalSection } from '../team/ApprovalSection';
import { teamError } from '../team/teamError';
import { useApproval } from '../team/useApproval';
import { requestsChanged } from '../team/requestsChanged';
import { toast } from '../ui/toasts';

type Props = { journeyId: string; flush: () => Promise<boolean>; onClose: () => void; onPublished: (outcome: PublishOutcome) => void };

/**
 * Publishing is a review: what changed since the live version, who is inside which version and
 * where, and what the new version is forecast to do. Problems block it; an unchanged draft has
 * nothing to publish.
 */
export function PublishDialog({ journeyId, flush, onClose, onPublished }: Props) {
  const { t, i18n } = useTranslation();
  const issues = useCanvas((s) => s.issues);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<PublishReview | null>(null);
  const [liveGraph, setLiveGraph] = useState<JourneyGraph | null>(null);
  // A segment-triggered journey: take in the customers already in the segment too (asked).
  const [includeMembers, setIncludeMembers] = useState<SegmentSummary | null>(null);
  // Under the "publishing needs approval" rule a marketer requests; an approver sees the request here.
  const approval = useApproval(journeyId);
  // What happens to customers already inside older versions (null: everyone stays).
  const [plan, setPlan] = useState<MigrationPlan | null>(null);

  const load = useCallback(async () => {
    setError(null);
    setReview(null);
    try {
      // The review reads the server's draft: the latest edits must be saved first.
      if (!(await flush())) throw new Error(t('editor.unsaved'));
      const r = await reviewApi.review(journeyId);
      setLiveGraph(r.live ? ((await journeysApi.version(journeyId, r.live.version)).graph ?? null) : null);
      setReview(r);
    } catch (err) {
      setError(describeError(err, t));
    }
  }, [flush, journeyId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function publish() {
    if (!review) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await flush())) throw new Error(t('editor.unsaved'));
      if (approval.mustRequest) {
        // The review was of this revision: the request names it, and only it can be approved.
        const requested = await teamApi.requestPublish(journeyId, review.draftRevision, note, planToSend(plan)).catch((err: unknown) => {
          throw new Error(teamError(err, t));
        });
        toast.success(t('team.approval.requested', { revision: requested.revision }));
        requestsChanged();
        onClose();
        return;
      }
      const outcome = await reviewApi.publish(journeyId, note, review.live?.version ?? null, undefined, planToSend(plan));
      if (includeMembers && !outcome.unchanged) {
        // Published already: a refused broadcast is reported, it does not undo the publish.
        try {
          await broadcastsApi.start(journeyId, { segmentId: includeMembers.id, ratePerSecond: 100 });
          toast.info(t('broadcast.startedMembers', { n: formatNumber(includeMembers.members, i18n.language) }));
        } catch (err) {
          toast.error(describeError(err, t));
        }
      }
      onPublished(outcome);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const serverIssues = toIssues(err.details);
        if (serverIssues.length) useCanvas.getState().setIssues(serverIssues);
      }
      // Someone else published meanwhile: what this dialog shows is out of date; show theirs, keep the message.
      if (err instanceof ApiError && err.code === 'publish_conflict') await load();
      setError(describePublishError(err, t));
    } finally {
      setBusy(false);
    }
  }

  const blocked = issues.length > 0;
  const draft = useCanvas.getState().graph();
  const target = broadcastTarget(draft);
  const segmentTrigger = target?.kind === 'segment' ? target : null;
  const nothing = review !== null && !review.hasChanges;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog wide" aria-describedby={undefined} data-testid="publish-dialog">
          <Dialog.Title>{review?.live ? t('review.titleNext', { version: review.live.version + 1 }) : t('editor.publishTitle')}</Dialog.Title>
          {blocked && (
            <>
              <p className="error" data-testid="publish-blocked">{t('editor.publishBlocked')}</p>
              <ProblemsList />
            </>
          )}
          {!review && !error && <p className="muted">{t('review.loading')}</p>}
          {review && (
            <>
              <section>
                <h4>{review.live ? t('review.changesSince', { version: review.live.version }) : t('review.firstVersion')}</h4>
                {nothing ? (
                  <p className="notice" data-testid="publish-nothing">{t('review.nothingToPublish', { version: review.live?.version })}</p>
                ) : (
                  <ChangeList diff={review.changes} from={liveGraph} to={draft} />
                )}
              </section>
              <section>
                <h4>{t('review.insideNow')}</h4>
                <InFlightTable journeyId={journeyId} inFlight={review.inFlight} activeVersion={review.live?.version ?? null} />
                {/* A pending request carries its own plan (shown with the request): approving publishes that one. */}
                {review.inFlight.customers > 0 && !nothing && (blocked ? <p className="muted">{t('review.staySentence')}</p> : !approval.pending && <MigrationPlanEditor journeyId={journeyId} draft={draft} onChange={setPlan} />)}
              </section>
              {!nothing && (
                <section>
                  <h4>{t('review.forecast')}</h4>
                  {review.forecast ? <ForecastTable forecast={review.forecast} liveVersion={review.live?.version ?? null} /> : <p className="muted">{t('review.noForecast')}</p>}
                </section>
              )}
              {!blocked && !nothing && segmentTrigger && !approval.mustRequest && (
                <IncludeMembers segmentId={segmentTrigger.segmentId} checked={includeMembers !== null} onChange={(on, segment) => setIncludeMembers(on ? segment : null)} />
              )}
              {!blocked && !nothing && (
                <label>
                  {t('editor.publishNote')}
                  <textarea data-testid="publish-note" rows={2} value={note} placeholder={t('editor.publishNotePlaceholder')} onChange={(e) => setNote(e.target.value)} />
                </label>
              )}
            </>
          )}
          {review && approval.loaded && (
            <ApprovalSection journeyId={journeyId} approval={approval} draftRevision={review.draftRevision} liveVersion={review.live?.version ?? null} onPublished={onPublished} />
          )}
          {error && <p className="error" role="alert" data-testid="publish-error">{error}</p>}
          <div className="row end">
            <Dialog.Close asChild><button>{t('journeys.cancel')}</button></Dialog.Close>
            <button className="primary" data-testid="publish-confirm" disabled={busy || blocked || !review || nothing} onClick={() => void publish()}>
              {approval.mustRequest ? t('team.approval.request') : review?.live && !nothing ? t('review.publishAs', { version: review.live.version + 1 }) : t('editor.publish')}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
