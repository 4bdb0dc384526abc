// The send step's email designer: sender, preheader, a list of blocks (heading, text, image,
// button, divider, voucher, product list) that the server compiles with MJML, the rendered
// preview for a real customer at desktop and mobile widths, test sends and saved templates.
import { useTranslation } from 'react-i18next';
import { EMAIL_BLOCK_TYPES, type EmailBlockType, type EmailDesign } from '@braid/nodes';
import type { WidgetProps } from '../panel/widgets/types';
import { BlockEditor } from './BlockEditor';
import { designOf, move, newBlock } from './blocks';
import { EmailPreview } from './EmailPreview';
import { useStepConfig } from './stepConfig';
import { TemplateBar } from './TemplateBar';
import { useEmailTexts } from './texts';
import './email.css';

export function EmailDesignWidget({ name, value, onChange, nodeId, disabled }: WidgetProps) {
  useEmailTexts();
  const { t } = useTranslation();
  const design = designOf(value);
  const config = useStepConfig(nodeId);
  const set = (patch: Partial<EmailDesign>) => onChange({ ...design, ...patch });
  const text = (field: 'fromName' | 'fromAddress' | 'preheader', label: string, type = 'text') => (
    <label htmlFor={`${name}-${field}`}>
      <span>{label}</span>
      <input id={`${name}-${field}`} data-testid={`email-${field}`} type={type} value={design[field]} disabled={disabled} onChange={(e) => set({ [field]: e.target.value })} />
    </label>
  );

  return (
    <div className="email-designer" data-testid={`field-${name}`}>
      <TemplateBar nodeId={nodeId} disabled={disabled} />
      <div className="email-sender">
        {text('fromName', t('email.fromName'))}
        {text('fromAddress', t('email.fromAddress'), 'email')}
      </div>
      <small>{t('email.fromHelp')}</small>
      {text('preheader', t('email.preheader'))}
      <h4>{t('email.blocks')}</h4>
      {design.blocks.length === 0 && <p className="email-empty">{t('email.empty')}</p>}
      <ol className="email-blocks">
        {design.blocks.map((block, i) => (
          <BlockEditor
            key={i}
            block={block}
            index={i}
            count={design.blocks.length}
            disabled={disabled}
            onChange={(b) => set({ blocks: design.blocks.map((x, j) => (j === i ? b : x)) })}
            onMove={(by) => set({ blocks: move(design.blocks, i, by) })}
            onRemove={() => set({ blocks: design.blocks.filter((_, j) => j !== i) })}
          />
        ))}
      </ol>
      <select
        data-testid="email-add-block"
        aria-label={t('email.add')}
        value=""
        disabled={disabled}
        onChange={(e) => e.target.value && set({ blocks: [...design.blocks, newBlock(e.target.value as EmailBlockType)] })}
      >
        <option value="">+ {t('email.add')}</option>
        {EMAIL_BLOCK_TYPES.map((type) => (
          <option key={type} value={type}>{t(`email.type.${type}`)}</option>
        ))}
      </select>
      {design.blocks.length > 0 && <EmailPreview design={design} subject={typeof config.subject === 'string' ? config.subject : ''} body={typeof config.body === 'string' ? config.body : ''} />}
    </div>
  );
}
