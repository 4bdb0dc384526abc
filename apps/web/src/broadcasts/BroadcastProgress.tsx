import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Broadcast } from '../api/broadcasts';
import { formatNumber } from '../format';

/** "1 h 05 min" / "3 min" / "40 s": an estimate, so coarse on purpose. */
function duration(seconds: number, lang: string): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const unit = lang.startsWith('vi') ? { h: 'giờ', m: 'phút', s: 'giây' } : { h: 'h', m: 'min', s: 's' };
  if (h > 0) return `${h} ${unit.h} ${String(m).padStart(2, '0')} ${unit.m}`;
  if (m > 0) return `${m} ${unit.m}`;
  return `${s} ${unit.s}`;
}

const SKIP_CODES = ['alreadyIn', 'reentry', 'entryLimit', 'unknownCustomer'] as const;

/** The server records `code: detail` in English; the marketer reads the code in their language. */
export function skipReason(recorded: string, t: TFunction): string {
  const code = SKIP_CODES.find((c) => recorded.startsWith(`${c}:`));
  return code ? t(`broadcast.skipReason.${code}`) : t('broadcast.skipReason.other');
}

/** Where a broadcast is: a bar, the counts, the pace and the time left. */
export function BroadcastProgress({ broadcast }: { broadcast: Broadcast }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const share = broadcast.total > 0 ? Math.min(1, broadcast.processed / broadcast.total) : 1;
  return (
    <div className="broadcast-progress" data-testid="broadcast-progress">
      <p>
        <strong data-testid="broadcast-status">{t(`broadcast.status.${broadcast.status}`)}</strong>
        {' · '}
        {t('broadcast.counts', { enrolled: formatNumber(broadcast.enrolled, lang), total: formatNumber(broadcast.total, lang) })}
        {broadcast.skipped > 0 && <> · {t('broadcast.skipped', { n: formatNumber(broadcast.skipped, lang) })}</>}
      </p>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
        <div className="bar-fill" style={{ width: `${share * 100}%` }} />
      </div>
      <p className="muted">
        {t('broadcast.pace', { n: formatNumber(broadcast.perSecond, lang) })}
        {broadcast.etaSeconds !== null && <> · {t('broadcast.eta', { time: duration(broadcast.etaSeconds, lang) })}</>}
      </p>
      {broadcast.lastSkipReason && <p className="muted">{t('broadcast.lastSkip', { reason: skipReason(broadcast.lastSkipReason, t) })}</p>}
      {broadcast.error && <p className="error" role="alert">{broadcast.error}</p>}
    </div>
  );
}
