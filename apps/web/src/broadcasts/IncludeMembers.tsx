import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { broadcastsApi, type SegmentSummary } from '../api/broadcasts';
import { formatNumber } from '../format';

type Props = { segmentId: string; checked: boolean; onChange: (checked: boolean, segment: SegmentSummary | null) => void };

/**
 * Publishing a segment-triggered journey: new members enter as they join; the customers already
 * in the segment enter only if the marketer says so here, seeing how many they are.
 */
export function IncludeMembers({ segmentId, checked, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const [segment, setSegment] = useState<SegmentSummary | null | undefined>(undefined);
  useEffect(() => {
    broadcastsApi.segments().then((all) => setSegment(all.find((s) => s.id === segmentId) ?? null), () => setSegment(null));
  }, [segmentId]);
  if (!segment || segment.members === 0) return null;
  return (
    <label className="checkbox-line" data-testid="include-members">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked, segment)} />
      {t('broadcast.includeMembers', { n: formatNumber(segment.members, i18n.language), name: segment.name })}
    </label>
  );
}
