// One block of the email: its fields, and moving or removing it.
import { useTranslation } from 'react-i18next';
import type { EmailBlock } from '@braid/nodes';

type Props = { block: EmailBlock; index: number; count: number; disabled: boolean; onChange: (b: EmailBlock) => void; onMove: (by: -1 | 1) => void; onRemove: () => void };

const FIELDS: Record<EmailBlock['type'], string[]> = {
  heading: ['text'],
  text: ['text'],
  image: ['src', 'alt', 'href'],
  button: ['text', 'href'],
  divider: [],
  voucher: ['title', 'code'],
  products: ['title', 'source'],
};

export function BlockEditor({ block, index, count, disabled, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const fields = block as unknown as Record<string, string>;
  return (
    <li className="email-block" data-testid={`email-block-${index}`} data-type={block.type}>
      <div className="email-block-head">
        <strong>{t(`email.type.${block.type}`)}</strong>
        <span>
          <button type="button" disabled={disabled || index === 0} onClick={() => onMove(-1)} aria-label={t('email.up')} title={t('email.up')}>↑</button>
          <button type="button" disabled={disabled || index === count - 1} onClick={() => onMove(1)} aria-label={t('email.down')} title={t('email.down')}>↓</button>
          <button type="button" disabled={disabled} onClick={onRemove} aria-label={t('email.remove')} title={t('email.remove')}>✕</button>
        </span>
      </div>
      {FIELDS[block.type].map((field) => {
        const id = `email-block-${index}-${field}`;
        const long = field === 'text' && block.type === 'text';
        return (
          <label key={field} htmlFor={id}>
            <span>{t(`email.field.${field}`)}</span>
            {long ? (
              <textarea id={id} data-testid={id} rows={3} value={fields[field] ?? ''} disabled={disabled} onChange={(e) => onChange({ ...block, [field]: e.target.value } as EmailBlock)} />
            ) : (
              <input id={id} data-testid={id} value={fields[field] ?? ''} disabled={disabled} onChange={(e) => onChange({ ...block, [field]: e.target.value } as EmailBlock)} />
            )}
          </label>
        );
      })}
    </li>
  );
}
