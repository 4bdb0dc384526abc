// Name = value rows (the test customer's traits, an event's properties): names picked from what
// the workspace has seen, values from recent examples, any unreadable field named under it.
import { useTranslation } from 'react-i18next';
import type { SeenKeyView } from '../panel/widgets/eventCatalogue';
import type { ValueRow } from './scenarioForm';

type Props = {
  /** Path of the rows in the form (`traits`, `events.0.properties`): also the test ids' stem. */
  field: string;
  rows: ValueRow[];
  onChange: (rows: ValueRow[]) => void;
  keys: readonly SeenKeyView[];
  keyLabel: string;
  addLabel: string;
  errors: Readonly<Record<string, string>>;
};

const testId = (field: string) => `sim-${field.replace(/\./g, '-')}`;

export function FieldError({ errors, field }: { errors: Readonly<Record<string, string>>; field: string }) {
  const message = errors[field];
  return message ? <small className="error" role="alert" data-testid={`sim-error-${field}`}>{message}</small> : null;
}

export function ValueRows({ field, rows, onChange, keys, keyLabel, addLabel, errors }: Props) {
  const { t } = useTranslation();
  const id = testId(field);
  const set = (i: number, patch: Partial<ValueRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="rows sim-rows" data-testid={id}>
      <datalist id={`${id}-keys`}>
        {keys.map((k) => (
          <option key={k.key} value={k.key}>{k.examples.slice(0, 3).join(', ')}</option>
        ))}
      </datalist>
      {rows.map((r, i) => {
        const examples = keys.find((k) => k.key === r.key.trim())?.examples ?? [];
        return (
          <div key={i} className="rows">
            <div className="row sim-row">
              <input aria-label={keyLabel} placeholder={keyLabel} list={`${id}-keys`} data-testid={`${id}-${i}-key`} value={r.key} onChange={(e) => set(i, { key: e.target.value })} />
              <span>=</span>
              <input aria-label={t('testRunText.value')} placeholder={t('testRunText.value')} list={`${id}-${i}-values`} data-testid={`${id}-${i}-value`} value={r.value} onChange={(e) => set(i, { value: e.target.value })} />
              <datalist id={`${id}-${i}-values`}>
                {examples.map((x) => <option key={x} value={x} />)}
              </datalist>
              <button className="link" aria-label={t('testRunText.remove')} title={t('testRunText.remove')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button>
            </div>
            <FieldError errors={errors} field={`${field}.${i}.key`} />
            <FieldError errors={errors} field={`${field}.${i}.value`} />
          </div>
        );
      })}
      <FieldError errors={errors} field={field} />
      <button className="small" data-testid={`${id}-add`} onClick={() => onChange([...rows, { key: '', value: '' }])}>+ {addLabel}</button>
    </div>
  );
}
