import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { asString } from './widgets/basic';
import type { WidgetProps } from './widgets/types';
import { usePreviewContext } from './previewContext';
import { useCatalogueVariables } from './widgets/catalogueVariables';
import { maybeText } from '../i18n/localText';

/** A Liquid template field with a picker that inserts `{{ variable }}` at the cursor. */
export function LiquidWidget({ name, value, onChange, hint, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const groups = useCatalogueVariables(usePreviewContext((s) => s.variableGroups));
  const text = asString(value);

  function insert(variable: string) {
    const el = ref.current;
    const token = `{{ ${variable} }}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div className="liquid">
      <textarea
        ref={ref}
        id={name}
        data-testid={`field-${name}`}
        rows={name === 'subject' ? 2 : 5}
        value={text}
        placeholder={maybeText(hint.placeholder)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      {!disabled && (
        <select
          className="var-picker"
          aria-label={t('panel.variables')}
          data-testid={`vars-${name}`}
          value=""
          onChange={(e) => e.target.value && insert(e.target.value)}
        >
          <option value="">{`{{ }} ${t('panel.variables')}`}</option>
          {groups.map((g) => (
            <optgroup key={g.title} label={t(g.title)}>
              {g.variables.map((v) => (
                <option key={v} value={v}>{v}</option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </div>
  );
}
