import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../format';
import { enumValues } from '../zodIntrospect';
import type { WidgetProps } from './types';
import { localText, maybeText } from '../../i18n/localText';

export function asString(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function TextWidget({ name, value, onChange, hint, disabled }: WidgetProps) {
  const type = hint.widget === 'url' ? 'url' : 'text';
  return (
    <input
      id={name}
      data-testid={`field-${name}`}
      type={type}
      value={asString(value)}
      placeholder={maybeText(hint.placeholder)}
      disabled={disabled}
      list={hint.widget === 'timezone' ? 'braid-timezones' : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function TextAreaWidget({ name, value, onChange, hint, disabled }: WidgetProps) {
  return (
    <textarea id={name} data-testid={`field-${name}`} rows={4} value={asString(value)} placeholder={maybeText(hint.placeholder)} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
  );
}

export function NumberWidget({ name, value, onChange, hint, disabled }: WidgetProps) {
  const { i18n } = useTranslation();
  return (
    <span className="row">
      <input
        id={name}
        data-testid={`field-${name}`}
        type="number"
        value={typeof value === 'number' ? value : ''}
        placeholder={maybeText(hint.placeholder)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {hint.widget === 'money' && typeof value === 'number' && <span className="muted">{formatVnd(value, i18n.language)}</span>}
    </span>
  );
}

export function ToggleWidget({ name, value, onChange, disabled }: WidgetProps) {
  return <input id={name} data-testid={`field-${name}`} type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
}

export function optionsFor(hint: WidgetProps['hint'], schema: unknown): readonly { value: string; label: string }[] {
  if (hint.options?.length) return hint.options.map((o) => ({ value: o.value, label: localText(o.label) }));
  return enumValues(schema).map((v) => ({ value: v, label: v }));
}

export function SelectWidget({ name, value, onChange, hint, schema, disabled }: WidgetProps) {
  const options = optionsFor(hint, schema);
  const current = asString(value);
  return (
    <select id={name} data-testid={`field-${name}`} value={current} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {/* Nothing chosen yet shows the field's placeholder ("Pick the SMS kind"), never a pre-selected choice. */}
      {!options.some((o) => o.value === current) && <option value={current} disabled={current === ''}>{current || maybeText(hint.placeholder) || '—'}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>{o.label}</option>
      ))}
    </select>
  );
}

export function MultiSelectWidget({ name, value, onChange, hint, schema, disabled }: WidgetProps) {
  const options = optionsFor(hint, schema);
  const current = Array.isArray(value) ? value.map(String) : [];
  return (
    <div className="checks" data-testid={`field-${name}`}>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            disabled={disabled}
            checked={current.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...current, o.value] : current.filter((x) => x !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

const weekdayNames = { vi: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

export function WeekdaysWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { i18n } = useTranslation();
  const names = weekdayNames[i18n.language === 'en' ? 'en' : 'vi'];
  const current = Array.isArray(value) ? value.filter((x): x is number => typeof x === 'number') : [];
  return (
    <div className="checks" data-testid={`field-${name}`}>
      {names.map((label, day) => (
        <label key={day} className="check">
          <input
            type="checkbox"
            disabled={disabled}
            checked={current.includes(day)}
            onChange={(e) => onChange(e.target.checked ? [...current, day].sort() : current.filter((d) => d !== day))}
          />
          {label}
        </label>
      ))}
    </div>
  );
}

export function JsonWidget({ name, value, onChange, disabled }: WidgetProps) {
  return (
    <textarea
      id={name}
      data-testid={`field-${name}`}
      rows={4}
      disabled={disabled}
      defaultValue={JSON.stringify(value ?? null, null, 2)}
      onBlur={(e) => {
        try {
          onChange(JSON.parse(e.target.value));
        } catch {
          // Leave the value; the schema error shown under the field explains what is expected.
        }
      }}
    />
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = Array.from({ length: 12 }, (_, m) => String(m * 5).padStart(2, '0'));

/** `HH:MM` on a 24-hour clock, picked rather than typed: the browser's time input shows AM/PM in some locales. */
export function TimeWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const [h = '', m = ''] = asString(value).split(':');
  const minutes = m && !MINUTES.includes(m) ? [...MINUTES, m].sort() : MINUTES;
  const set = (hour: string, minute: string) => onChange(`${hour || '00'}:${minute || '00'}`);
  return (
    <span className="row time-of-day" data-testid={`field-${name}`}>
      <select id={name} aria-label={t('editorText.hour')} data-testid={`field-${name}-hour`} disabled={disabled} value={h} onChange={(e) => set(e.target.value, m)}>
        {!HOURS.includes(h) && <option value={h}>{h || '--'}</option>}
        {HOURS.map((x) => (
          <option key={x} value={x}>{x}</option>
        ))}
      </select>
      <span>:</span>
      <select aria-label={t('editorText.minute')} data-testid={`field-${name}-minute`} disabled={disabled} value={m} onChange={(e) => set(h, e.target.value)}>
        {!minutes.includes(m) && <option value={m}>{m || '--'}</option>}
        {minutes.map((x) => (
          <option key={x} value={x}>{x}</option>
        ))}
      </select>
    </span>
  );
}
