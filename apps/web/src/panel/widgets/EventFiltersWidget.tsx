// Property rules picked from the event catalogue: the property from the keys the step's event has
// carried (trait keys for a profile rule), the value from recent examples, or "the same value as
// the entry event" from the trigger event's properties (stored as `{ ref: 'entry.properties.<key>' }`).
// Typing a name never seen stays possible; the row says it has not been seen yet.
import { useTranslation } from 'react-i18next';
import { comparisonLabels, comparisons } from '@braid/sdk';
import type { Comparison } from '@braid/sdk';
import { useCanvas } from '../../canvas/store';
import { localText } from '../../i18n/localText';
import { asString } from './basic';
import { parseFilterValue, showFilterValue } from './compound';
import { useEventCatalogue, type SeenKeyView } from './eventCatalogue';
import type { WidgetProps } from './types';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});

const ENTRY = 'entry.properties.';
const texts = {
  property: { vi: 'thuộc tính', en: 'property' },
  comparison: { vi: 'so sánh', en: 'comparison' },
  source: { vi: 'so với', en: 'compare with' },
  value: { vi: 'giá trị', en: 'value' },
  notSeen: { vi: 'Chưa thấy thuộc tính này', en: 'Not seen yet' },
  fixed: { vi: 'một giá trị', en: 'a value' },
  same: (key: string) => ({ vi: `giống ${key} của sự kiện bắt đầu`, en: `same ${key} as the entry event` }),
  remove: { vi: 'Xoá', en: 'Remove' },
  add: { vi: 'Thêm điều kiện', en: 'Add a rule' },
};

function eventOf(config: unknown): string {
  return asString(rec(config).event).trim();
}

export function EventFiltersWidget({ name, value, onChange, hint, nodeId, disabled }: WidgetProps) {
  useTranslation(); // re-render on a language change
  const catalogue = useEventCatalogue();
  const nodes = useCanvas((s) => s.nodes);
  const self = nodes.find((n) => n.id === nodeId);
  const trigger = nodes.find((n) => n.data.typeId === 'trigger-event');
  const isTrigger = self?.data.typeId === 'trigger-event';
  const traitRule = hint.widget === 'trait-filters';
  const eventName = eventOf(self?.data.config);
  const keys: SeenKeyView[] = traitRule ? (catalogue?.traits ?? []) : (catalogue?.events.find((e) => e.name === eventName)?.properties ?? []);
  const entryKeys = isTrigger || !trigger ? [] : (catalogue?.events.find((e) => e.name === eventOf(trigger.data.config))?.properties ?? []);
  const rows = (Array.isArray(value) ? value : []).map(rec);
  const set = (i: number, patch: Rec) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const keysId = `${name}-keys`;
  return (
    <div className="rows" data-testid={`field-${name}`}>
      <datalist id={keysId}>
        {keys.map((k) => (
          <option key={k.key} value={k.key}>{`${k.types.join(' | ')}${k.examples.length ? ` · ${k.examples.join(', ')}` : ''}`}</option>
        ))}
      </datalist>
      {rows.map((r, i) => {
        const path = asString(r.path);
        const seen = keys.find((k) => k.key === path);
        const ref = asString(rec(r.value).ref);
        const valuesId = `${name}-${i}-values`;
        return (
          <div key={i} className="rows">
            <div className="row filter-row">
              <input aria-label={localText(texts.property)} data-testid={`field-${name}-${i}-path`} list={keysId} placeholder={localText(texts.property)} disabled={disabled} value={path} onChange={(e) => set(i, { path: e.target.value })} />
              <select aria-label={localText(texts.comparison)} data-testid={`field-${name}-${i}-op`} disabled={disabled} value={asString(r.op) || 'equals'} onChange={(e) => set(i, { op: e.target.value })}>
                {comparisons.map((c) => (
                  <option key={c} value={c}>{localText(comparisonLabels[c as Comparison])}</option>
                ))}
              </select>
              {r.op !== 'exists' && r.op !== 'notExists' && (
                <>
                  {entryKeys.length > 0 && (
                    <select
                      aria-label={localText(texts.source)}
                      data-testid={`field-${name}-${i}-source`}
                      disabled={disabled}
                      value={ref.startsWith(ENTRY) ? ref : ''}
                      onChange={(e) => set(i, { value: e.target.value ? { ref: e.target.value } : '' })}
                    >
                      <option value="">{localText(texts.fixed)}</option>
                      {entryKeys.map((k) => (
                        <option key={k.key} value={`${ENTRY}${k.key}`}>{localText(texts.same(k.key))}</option>
                      ))}
                    </select>
                  )}
                  {!ref && (
                    <>
                      <input aria-label={localText(texts.value)} data-testid={`field-${name}-${i}-value`} list={valuesId} disabled={disabled} value={showFilterValue(r.value)} onChange={(e) => set(i, { value: parseFilterValue(e.target.value) })} />
                      <datalist id={valuesId}>
                        {(seen?.examples ?? []).map((x) => (
                          <option key={x} value={x} />
                        ))}
                      </datalist>
                    </>
                  )}
                </>
              )}
              <button className="link" disabled={disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>{localText(texts.remove)}</button>
            </div>
            {catalogue && path !== '' && !seen && (traitRule || eventName) && (
              <span className="muted" data-testid={`field-${name}-${i}-not-seen`}>{localText(texts.notSeen)}</span>
            )}
          </div>
        );
      })}
      <button className="small" data-testid={`field-${name}-add`} disabled={disabled} onClick={() => onChange([...rows, { path: '', op: 'equals', value: '' }])}>+ {localText(texts.add)}</button>
    </div>
  );
}
