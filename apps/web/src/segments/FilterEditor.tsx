// One "property / trait <op> value" line, with the keys and values seen in the workspace offered.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraitFilter } from '@braid/journey';
import { comparisonLabels, comparisons, type Comparison } from '@braid/sdk';
import { localText } from '../i18n/localText';
import { formatValue, parseValue } from './values';

type Props = {
  filter: TraitFilter;
  onChange: (filter: TraitFilter) => void;
  onRemove?: () => void;
  keys: { key: string; values: string[] }[];
  placeholder: string;
  testid: string;
};

export function FilterEditor({ filter, onChange, onRemove, keys, placeholder, testid }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // The box keeps what was typed ("Mắc " on the way to "Mắc Khén"); the rule gets the parsed value.
  const [text, setText] = useState(formatValue(filter.value));
  const values = keys.find((k) => k.key === filter.path)?.values ?? [];
  const needsValue = filter.op !== 'exists' && filter.op !== 'notExists';
  const set = (patch: Partial<TraitFilter>) => {
    const next = { ...filter, ...patch };
    if (next.op === 'exists' || next.op === 'notExists') delete next.value;
    onChange(next);
  };
  return (
    <span className="segment-filter" data-testid={testid}>
      <input className="filter-path" data-testid={`${testid}-path`} list={`${id}-keys`} value={filter.path} placeholder={placeholder} onChange={(e) => set({ path: e.target.value })} />
      <datalist id={`${id}-keys`}>{keys.map((k) => <option key={k.key} value={k.key} />)}</datalist>
      <select data-testid={`${testid}-op`} value={filter.op} onChange={(e) => set({ op: e.target.value as Comparison, value: parseValue(text, e.target.value as Comparison) })}>
        {comparisons.map((op) => <option key={op} value={op}>{localText(comparisonLabels[op])}</option>)}
      </select>
      {needsValue && (
        <>
          <input
            className="filter-value"
            data-testid={`${testid}-value`}
            list={`${id}-values`}
            value={text}
            placeholder={t('segments.value')}
            title={t('segments.valueHelp')}
            onChange={(e) => {
              setText(e.target.value);
              set({ value: parseValue(e.target.value, filter.op) });
            }}
          />
          <datalist id={`${id}-values`}>{values.map((v) => <option key={v} value={v} />)}</datalist>
        </>
      )}
      {onRemove && <button type="button" className="link" onClick={onRemove} aria-label={t('segments.remove')}>✕</button>}
    </span>
  );
}
