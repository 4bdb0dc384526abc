import { useTranslation } from 'react-i18next';
import { asString } from './basic';
import type { WidgetProps } from './types';
import { defaultOf } from '../zodIntrospect';

// The zones a Vietnamese shop meets first, then every zone the browser knows.
const FIRST = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul', 'Europe/London', 'America/New_York', 'UTC'];
const ALL: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A timezone picked from a list; `customer` (each customer's own zone) when the field offers it. */
export function TimezoneWidget({ name, value, onChange, schema, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const current = asString(value);
  const offersCustomer = defaultOf(schema) === 'customer' || current === 'customer';
  const zones = [...FIRST, ...ALL.filter((z) => !FIRST.includes(z))];
  return (
    <select id={name} data-testid={`field-${name}`} disabled={disabled} value={current} onChange={(e) => onChange(e.target.value)}>
      {offersCustomer && <option value="customer">{t('editorText.customerTimezone')}</option>}
      {current && current !== 'customer' && !zones.includes(current) && <option value={current}>{current}</option>}
      {zones.map((z) => (
        <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>
      ))}
    </select>
  );
}
