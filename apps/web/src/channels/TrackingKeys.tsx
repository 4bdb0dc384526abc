// The keys this workspace signs its open, click and unsubscribe links with: which one signs new
// links, until when older ones still work, and a rotation (with how long links already sent keep working).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { channelsApi, type TrackingKey } from './api';

export function TrackingKeys() {
  const { t, i18n } = useTranslation();
  const [keys, setKeys] = useState<TrackingKey[] | null>(null);
  const [keepDays, setKeepDays] = useState(180);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    channelsApi
      .trackingKeys()
      .then((r) => setKeys(r.keys))
      .catch((e: unknown) => toast.error(describeError(e, t)));
  }, [t]);
  useEffect(load, [load]);
  const date = (at: number) => new Date(at).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'vi-VN');

  async function rotate() {
    setBusy(true);
    try {
      setKeys((await channelsApi.rotateTrackingKey(keepDays)).keys);
      toast.success(t('channels.tracking.rotated'));
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="tracking-keys" data-testid="tracking-keys">
      <h2>{t('channels.tracking.title')}</h2>
      <p className="muted">{t('channels.tracking.help')}</p>
      <ul>
        {keys?.map((k) => (
          <li key={k.keyId} data-testid={`tracking-key-${k.keyId}`}>
            <code>{k.keyId}</code> {t('channels.tracking.created', { date: date(k.createdAt) })} —{' '}
            {k.current ? t('channels.tracking.current') : k.expiresAt !== null && k.expiresAt <= Date.now() ? t('channels.tracking.expired') : t('channels.tracking.until', { date: date(k.expiresAt ?? 0) })}
          </li>
        ))}
      </ul>
      <label>
        {t('channels.tracking.keepDays')}{' '}
        <input type="number" min={0} max={730} value={keepDays} onChange={(e) => setKeepDays(Number(e.target.value))} data-testid="tracking-keep-days" />
      </label>{' '}
      <button type="button" disabled={busy} onClick={() => void rotate()} data-testid="tracking-rotate">
        {t('channels.tracking.rotate')}
      </button>
    </section>
  );
}
