// The canvas's segment field (trigger "enters a segment", condition "is in segment", ...): a
// dropdown of the workspace's segments instead of a free-text id.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetProps } from '../panel/widgets/types';
import { segmentsApi, type SegmentView } from './api';
import { useSegmentTexts } from './texts';

let cached: Promise<SegmentView[]> | null = null;
/** One request per editor session; a failed one is asked again next time. */
function workspaceSegments(): Promise<SegmentView[]> {
  cached ??= segmentsApi.list().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

export function SegmentPicker({ name, value, onChange, disabled }: WidgetProps) {
  useSegmentTexts();
  const { t } = useTranslation();
  const [segments, setSegments] = useState<SegmentView[] | null>(null);
  useEffect(() => {
    let live = true;
    workspaceSegments().then((list) => live && setSegments(list), () => live && setSegments([]));
    return () => {
      live = false;
    };
  }, []);
  const current = typeof value === 'string' ? value : '';
  const known = segments?.some((s) => s.id === current) ?? true;
  return (
    <select id={name} data-testid={`field-${name}`} value={current} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('segments.picker.choose')}</option>
      {current && !known && <option value={current}>{t('segments.picker.missing', { id: current })}</option>}
      {(segments ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
    </select>
  );
}
