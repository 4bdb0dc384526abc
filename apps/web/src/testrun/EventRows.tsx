// What the test customer does after entering: rows of "after N minutes/hours/days, event, its
// properties". Events come from the workspace's catalogue; picking one fills in the properties it
// has carried, with the entry event's value where the key is the same (the same cart).
import { useTranslation } from 'react-i18next';
import type { EventCatalogueView } from '../panel/widgets/eventCatalogue';
import { FieldError, ValueRows } from './ValueRows';
import { timeUnits } from './scenarioForm';
import type { EventRow, TimeUnit, ValueRow } from './scenarioForm';

type Props = {
  rows: EventRow[];
  onChange: (rows: EventRow[]) => void;
  catalogue: EventCatalogueView | null;
  /** Names the journey waits for or checks, offered first. */
  suggested: readonly string[];
  entryProperties: readonly ValueRow[];
  errors: Readonly<Record<string, string>>;
};

export function EventRows({ rows, onChange, catalogue, suggested, entryProperties, errors }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EventRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const seen = catalogue?.events ?? [];
  const names = [...new Set([...suggested, ...seen.map((e) => e.name)])];

  function pickEvent(i: number, name: string) {
    const row = rows[i];
    if (!row) return;
    const known = seen.find((e) => e.name === name.trim());
    const untouched = row.properties.every((p) => !p.key.trim() && !p.value.trim());
    // Fill the properties only while the marketer has not written any.
    const properties = known && untouched
      ? known.properties.map((p) => ({ key: p.key, value: entryProperties.find((e) => e.key === p.key)?.value ?? p.examples[0] ?? '' }))
      : row.properties;
    set(i, { name, properties });
  }

  return (
    <div className="rows" data-testid="sim-events">
      <datalist id="sim-event-names">
        {names.map((n) => <option key={n} value={n} />)}
      </datalist>
      {rows.length === 0 && <p className="muted">{t('testRunText.eventsNone')}</p>}
      {rows.map((r, i) => {
        const known = !catalogue || seen.some((e) => e.name === r.name.trim());
        return (
          <fieldset key={i} className="sim-event" data-testid={`sim-event-${i}`}>
            <div className="row sim-row">
              <span>{t('testRunText.after')}</span>
              <input className="sim-after" inputMode="decimal" aria-label={t('testRunText.after')} data-testid={`sim-event-${i}-after`} value={r.after} onChange={(e) => set(i, { after: e.target.value })} />
              <select aria-label={t('testRunText.after')} data-testid={`sim-event-${i}-unit`} value={r.unit} onChange={(e) => set(i, { unit: e.target.value as TimeUnit })}>
                {timeUnits.map((u) => <option key={u} value={u}>{t(`testRunText.unit.${u}`)}</option>)}
              </select>
              <span className="muted">{t('testRunText.afterEntry')}</span>
              <button className="link" aria-label={t('testRunText.remove')} title={t('testRunText.remove')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button>
            </div>
            <FieldError errors={errors} field={`events.${i}.after`} />
            <input aria-label={t('testRunText.eventName')} placeholder={t('testRunText.eventName')} list="sim-event-names" data-testid={`sim-event-${i}-name`} value={r.name} onChange={(e) => pickEvent(i, e.target.value)} />
            {r.name.trim() !== '' && !known && <small className="muted">{t('testRunText.notSeen')}</small>}
            <FieldError errors={errors} field={`events.${i}.name`} />
            <ValueRows
              field={`events.${i}.properties`}
              rows={r.properties}
              onChange={(properties) => set(i, { properties })}
              keys={seen.find((e) => e.name === r.name.trim())?.properties ?? []}
              keyLabel={t('testRunText.propertyKey')}
              addLabel={t('testRunText.addProperty')}
              errors={errors}
            />
          </fieldset>
        );
      })}
      <FieldError errors={errors} field="events" />
      <button className="small" data-testid="sim-event-add" onClick={() => onChange([...rows, { after: '1', unit: 'h', name: '', properties: [] }])}>+ {t('testRunText.addEvent')}</button>
    </div>
  );
}
