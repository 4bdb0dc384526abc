import { useTranslation } from 'react-i18next';
import { useCanvas } from './store';

/** What the four counts on each card mean, shown above the canvas (never over a card) while the counts are. */
export function StatsLegend() {
  const { t } = useTranslation();
  const shown = useCanvas((s) => s.stats !== null);
  if (!shown) return null;
  return (
    <div className="stats-legend" data-testid="stats-legend">
      <strong>{t('editorText.legendTitle')}</strong>
      <span className="count-entered">↘ {t('stats.entered')}</span>
      <span className="count-waiting">◔ {t('stats.waiting')}</span>
      <span className="count-exited">↗ {t('stats.exited')}</span>
      <span className="count-converted">★ {t('stats.converted')}</span>
    </div>
  );
}
