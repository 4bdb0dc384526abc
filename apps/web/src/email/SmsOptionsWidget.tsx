// The SMS step's "send without diacritics" switch with what the message costs: characters,
// encoding (GSM-7 or UCS-2) and segments, counted on the message as it will go out.
import { useTranslation } from 'react-i18next';
import { isAdvertisingSms, smsCost, stripDiacritics, withAdvertisingMark } from '@braid/nodes';
import type { WidgetProps } from '../panel/widgets/types';
import { usePreviewContext } from '../panel/previewContext';
import { renderedOrSource } from './smsText';
import { useStepConfig } from './stepConfig';
import { TemplateBar } from './TemplateBar';
import { useEmailTexts } from './texts';
import './email.css';

export function SmsOptionsWidget({ name, value, onChange, nodeId, disabled }: WidgetProps) {
  useEmailTexts();
  const { t } = useTranslation();
  const config = useStepConfig(nodeId);
  const { traits } = usePreviewContext();
  const strip = value === true;
  const source = typeof config.body === 'string' ? config.body : '';
  const text = renderedOrSource(source, traits);
  const stripped = strip ? stripDiacritics(text) : text;
  // As it goes out: marks stripped first, then Decree 91's [QC] in front of an advertising SMS.
  const advertising = isAdvertisingSms(config) && stripped !== '';
  const sent = advertising ? withAdvertisingMark(stripped) : stripped;
  const cost = smsCost(sent);
  return (
    <div className="sms-options" data-testid={`field-${name}`}>
      <label className="sms-strip">
        <input id={name} type="checkbox" data-testid="sms-strip" checked={strip} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      </label>
      <p className="sms-cost" data-testid="sms-cost" data-encoding={cost.encoding} data-segments={cost.segments}>
        {t('email.sms.cost', { characters: cost.characters, encoding: cost.encoding, segments: cost.segments })}
      </p>
      {advertising && <small data-testid="sms-qc">{t('email.sms.advertising')}</small>}
      {cost.encoding === 'UCS-2' && <small className="warn">{t('email.sms.ucs2', { chars: cost.unicodeCharacters.join(' ') })}</small>}
      {strip && sent !== '' && (
        <>
          <small>{t('email.sms.stripped')}</small>
          <pre className="sms-stripped" data-testid="sms-stripped">{sent}</pre>
        </>
      )}
      <TemplateBar nodeId={nodeId} disabled={disabled} />
    </div>
  );
}
