import { useCallback, useEffect, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';
import { broadcastsApi, isOpen, type Broadcast, type SegmentSummary } from '../api/broadcasts';
import type { Journey } from '../api/types';
import { formatNumber } from '../format';
import { describeError } from '../ui/describeError';
import { BroadcastProgress } from './BroadcastProgress';
import type { BroadcastTarget } from './trigger';

type Props = { journey: Journey; target: BroadcastTarget; onClose: () => void };

/** How often progress is read while a broadcast runs. */
const POLL_MS = 2_000;
const DEFAULT_RATE = 100;

/**
 * Send the live version to a segment's members now, or (segment-triggered journeys) take in the
 * customers already in the segment. Shows the running broadcast's progress instead when there is
 * one, with pause, resume and cancel; customers already enrolled carry on whatever happens.
 */
export function BroadcastDialog({ journey, target, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [segments, setSegments] = useState<SegmentSummary[] | null>(null);
  const [segmentId, setSegmentId] = useState(target.kind === 'segment' ? target.segmentId : '');
  const [rate, setRate] = useState(DEFAULT_RATE);
  const [current, setCurrent] = useState<Broadcast | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([broadcastsApi.segments(), broadcastsApi.list(journey.id)]).then(([s, list]) => {
      setSegments(s);
      const latest = list[0];
      if (latest && isOpen(latest)) setCurrent(latest);
    }, (e: unknown) => setError(describeError(e, t)));
  }, [journey.id, t]);

  const refresh = useCallback(async (id: string) => setCurrent(await broadcastsApi.get(id)), []);
  useEffect(() => {
    if (!current || !isOpen(current)) return;
    const timer = setInterval(() => void refresh(current.id).catch((e: unknown) => setError(describeError(e, t))), POLL_MS);
    return () => clearInterval(timer);
  }, [current, refresh, t]);

  async function run(action: () => Promise<Broadcast>) {
    setBusy(true);
    setError(null);
    try {
      setCurrent(await action());
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const chosen = segments?.find((s) => s.id === segmentId) ?? null;
  const lang = i18n.language;
  const rateValid = Number.isInteger(rate) && rate >= 1 && rate <= 2000;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="broadcast-dialog">
          <Dialog.Title>{target.kind === 'segment' ? t('broadcast.titleMembers', { name: journey.name }) : t('broadcast.title', { name: journey.name })}</Dialog.Title>
          {current ? (
            <>
              <BroadcastProgress broadcast={current} />
              <p className="muted">{t('broadcast.carryOn')}</p>
              <div className="row end">
                {current.status === 'running' && (
                  <button data-testid="broadcast-pause" disabled={busy} onClick={() => void run(() => broadcastsApi.control(current.id, 'pause'))}>{t('broadcast.pause')}</button>
                )}
                {current.status === 'paused' && (
                  <button className="primary" data-testid="broadcast-resume" disabled={busy} onClick={() => void run(() => broadcastsApi.control(current.id, 'resume'))}>{t('broadcast.resume')}</button>
                )}
                {isOpen(current) && (
                  <button className="danger" data-testid="broadcast-cancel" disabled={busy} onClick={() => void run(() => broadcastsApi.control(current.id, 'cancel'))}>{t('broadcast.cancel')}</button>
                )}
                <Dialog.Close asChild><button>{t('broadcast.close')}</button></Dialog.Close>
              </div>
            </>
          ) : (
            <>
              <p>{target.kind === 'segment' ? t('broadcast.explainMembers') : t('broadcast.explain')}</p>
              <label className="field">
                <span>{t('broadcast.segment')}</span>
                <select data-testid="broadcast-segment" value={segmentId} disabled={target.kind === 'segment' || !segments} onChange={(e) => setSegmentId(e.target.value)}>
                  <option value="">{segments ? t('broadcast.pickSegment') : t('review.loading')}</option>
                  {segments?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {t('broadcast.segmentOption', { name: s.name, n: formatNumber(s.members, lang) })}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('broadcast.rate')}</span>
                <input type="number" min={1} max={2000} step={1} value={rate} data-testid="broadcast-rate" onChange={(e) => setRate(Number(e.target.value))} />
                <small className="muted">{t('broadcast.rateHelp')}</small>
                {!rateValid && <small className="error">{t('broadcast.rateInvalid')}</small>}
              </label>
              {chosen && <p data-testid="broadcast-reach">{chosen.members === 0 ? t('broadcast.empty') : t('broadcast.reach', { n: formatNumber(chosen.members, lang) })}</p>}
              {error && <p className="error" role="alert">{error}</p>}
              <div className="row end">
                <Dialog.Close asChild><button>{t('journeys.cancel')}</button></Dialog.Close>
                <button
                  className="primary"
                  data-testid="broadcast-start"
                  disabled={busy || !chosen || chosen.members === 0 || !rateValid}
                  onClick={() => void run(() => broadcastsApi.start(journey.id, { segmentId, ratePerSecond: rate }))}
                >
                  {t('broadcast.start', { n: formatNumber(chosen?.members ?? 0, lang) })}
                </button>
              </div>
            </>
          )}
          {current && error && <p className="error" role="alert">{error}</p>}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
