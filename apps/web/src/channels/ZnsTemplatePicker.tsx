// The send step's ZNS template field: a dropdown of the templates registered in the workspace's
// channel settings, each with its parameters and Zalo's length limits, so the marketer maps every
// parameter (in "ZNS parameters") to a Liquid expression knowing what Zalo accepts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetProps } from '../panel/widgets/types';
import { channelsApi, type ZnsTemplate } from './api';
import { useChannelsTexts } from './texts';
import './channels.css';

let cached: Promise<ZnsTemplate[]> | null = null;
/** One request per editor session; a failed one is asked again next time. */
function workspaceTemplates(): Promise<ZnsTemplate[]> {
  cached ??= channelsApi
    .templates()
    .then((r) => r.templates)
    .catch((e: unknown) => {
      cached = null;
      throw e;
    });
  return cached;
}

export function ZnsTemplatePicker({ name, value, onChange, disabled }: WidgetProps) {
  useChannelsTexts();
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<ZnsTemplate[] | null>(null);
  useEffect(() => {
    let live = true;
    workspaceTemplates().then((list) => live && setTemplates(list), () => live && setTemplates([]));
    return () => {
      live = false;
    };
  }, []);
  const current = typeof value === 'string' ? value : '';
  const chosen = templates?.find((z) => z.templateId === current);
  return (
    <div className="zns-picker">
      <select id={name} data-testid={`field-${name}`} value={current} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('channels.picker.none')}</option>
        {current && templates && !chosen && <option value={current}>{t('channels.picker.missing', { id: current })}</option>}
        {(templates ?? []).map((z) => (
          <option key={z.templateId} value={z.templateId} disabled={z.status !== 'approved'}>
            {`${z.name} (${z.templateId})`}
            {z.status !== 'approved' ? ` — ${t(`channels.statusName.${z.status}`)}` : ''}
          </option>
        ))}
      </select>
      {chosen && (
        <small className="muted" data-testid={`field-${name}-params`}>
          {t('channels.picker.params', { params: chosen.params.map((p) => `${p.name} ≤ ${p.maxLength}`).join(', ') })}
        </small>
      )}
    </div>
  );
}
