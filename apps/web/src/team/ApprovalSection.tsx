import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import { toOutcome, type PublishOutcome } from '../api/review';
import { formatDateTime } from '../format';
import { toast } from '../ui/toasts';
import { teamError } from './teamError';
import type { Approval } from './useApproval';
import { requestsChanged } from './requestsChanged';
import '../versions/migrationTexts';

type Props = {
  journeyId: string;
  approval: Approval;
  draftRevision: number;
  liveVersion: number | null;
  onPublished: (outcome: PublishOutcome) => void;
};

/**
 * Inside the publish dialog: for a marketer under the approval rule, what happens when they
 * request; for an owner or admin, the waiting request with approve (publishes exactly the
 * requested revision) and reject (with a reason).
 */
export function ApprovalSection({ journeyId, approval, draftRevision, liveVersion, onPublished }: Props) {
  const { t, i18n } = useTranslation();
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { pending, lastRejected } = approval;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(teamError(err, t));
      await approval.reload();
    } finally {
      setBusy(false);
      requestsChanged();
    }
  }

  const approve = () =>
    run(async () => {
      const done = await teamApi.approve(journeyId, pending!.id, comment, liveVersion);
      // The editor says "published version N" itself, as for a direct publish.
      onPublished(toOutcome(done.published));
    });
  const reject = () =>
    run(async () => {
      if (!comment.trim()) throw new Error(t('team.approval.rejectReasonNeeded'));
      await teamApi.reject(journeyId, pending!.id, comment);
      toast.info(t('team.approval.rejected'));
      setRejecting(false);
      setComment('');
      await approval.reload();
    });

  const stale = pending !== null && pending.revision !== draftRevision;
  return (
    <section data-testid="approval-section">
      {approval.mustRequest && !pending && <p className="notice" data-testid="needs-approval-notice">{t('team.approval.needsApproval')}</p>}
      {lastRejected && !pending && (
        <p className="muted" data-testid="last-rejected">{t('team.approval.lastRejected', { who: lastRejected.decidedByName ?? '—', comment: lastRejected.comment })}</p>
      )}
      {pending && (
        <div className="notice" data-testid="pending-request">
          <h4>{t('team.approval.pendingTitle')}</h4>
          <p>
            {t('team.approval.pendingBy', { who: pending.requestedByName ?? '—', revision: pending.revision, when: formatDateTime(pending.requestedAt, i18n.language) })}
            {pending.note && <> — “{pending.note}”</>}
          </p>
          {pending.migrationPlan && (
            <p data-testid="pending-migration">
              {pending.migrationPlan.versions
                .filter((v) => v.action === 'move')
                .map((v) => t('migration.audit', { from: v.version, to: (liveVersion ?? 0) + 1, steps: Object.keys(v.steps).length }))
                .join(' · ')}
            </p>
          )}
          {stale && <p className="error" data-testid="pending-stale">{t('team.approval.stale', { requested: pending.revision, current: draftRevision })}</p>}
          {approval.manager && (
            <>
              <label>
                {rejecting ? t('team.approval.rejectReason') : t('team.approval.comment')}
                <textarea data-testid="approval-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
              </label>
              <div className="row end">
                {rejecting ? (
                  <button className="danger" data-testid="reject-confirm" disabled={busy} onClick={() => void reject()}>{t('team.approval.reject')}</button>
                ) : (
                  <>
                    <button data-testid="reject" disabled={busy} onClick={() => setRejecting(true)}>{t('team.approval.reject')}</button>
                    <button className="primary" data-testid="approve" disabled={busy || stale} onClick={() => void approve()}>{t('team.approval.approve')}</button>
                  </>
                )}
              </div>
            </>
          )}
        </div>
      )}
      {error && <p className="error" role="alert" data-testid="approval-error">{error}</p>}
    </section>
  );
}
