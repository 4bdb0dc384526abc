import { useTranslation } from 'react-i18next';
import { durationUnits } from '@braid/sdk';
import { useCanvas } from '../../canvas/store';
import { nodeType } from '../../catalog/registry';
import { asString } from './basic';
import type { WidgetProps } from './types';
import { nodeLabel } from '../../i18n/nodeLabels';
import { localText } from '../../i18n/localText';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// Names screen readers say for fields without a visible label, in the UI language.
const aria = {
  amount: { vi: 'số lượng', en: 'amount' },
  unit: { vi: 'đơn vị', en: 'unit' },
  value: { vi: 'giá trị', en: 'value' },
  branch: { vi: 'tên nhánh', en: 'branch name' },
  percent: { vi: 'phần trăm', en: 'percent' },
  key: { vi: 'tên', en: 'name' },
};

const unitLabels = { vi: { minutes: 'phút', hours: 'giờ', days: 'ngày' }, en: { minutes: 'minutes', hours: 'hours', days: 'days' } };

export function DurationInput({ name, value, onChange, disabled }: { name: string; value: unknown; onChange: (v: unknown) => void; disabled: boolean }) {
  const { i18n } = useTranslation();
  const labels = unitLabels[i18n.language === 'en' ? 'en' : 'vi'];
  const d = rec(value);
  return (
    <span className="row" data-testid={`field-${name}`}>
      <input
        type="number"
        min={0}
        aria-label={localText(aria.amount)}
        data-testid={`field-${name}-amount`}
        disabled={disabled}
        value={typeof d.amount === 'number' ? d.amount : ''}
        onChange={(e) => onChange({ ...d, amount: e.target.value === '' ? undefined : Number(e.target.value), unit: d.unit ?? 'hours' })}
      />
      <select
        aria-label={localText(aria.unit)}
        data-testid={`field-${name}-unit`}
        disabled={disabled}
        value={asString(d.unit) || 'hours'}
        onChange={(e) => onChange({ ...d, unit: e.target.value })}
      >
        {durationUnits.map((u) => (
          <option key={u} value={u}>{labels[u]}</option>
        ))}
      </select>
    </span>
  );
}

export function DurationWidget(p: WidgetProps) {
  return <DurationInput name={p.name} value={p.value} onChange={p.onChange} disabled={p.disabled} />;
}

/** Values typed as text: numbers and booleans become themselves, `{{ entry.x }}` a reference. */
export function parseFilterValue(text: string): unknown {
  const t = text.trim();
  const ref = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(t);
  if (ref) return { ref: ref[1] };
  if (t === '') return '';
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}
export function showFilterValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  const r = rec(v);
  if (typeof r.ref === 'string') return `{{ ${r.ref} }}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function SplitBranchesWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const rows = arr(value).map(rec);
  const set = (i: number, patch: Rec) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = rows.reduce((s, r) => s + (typeof r.percent === 'number' ? r.percent : 0), 0);
  return (
    <div className="rows" data-testid={`field-${name}`}>
      {rows.map((r, i) => (
        <div key={i} className="row">
          <input aria-label={localText(aria.branch)} disabled={disabled} value={asString(r.label)} onChange={(e) => set(i, { label: e.target.value })} />
          <input aria-label={localText(aria.percent)} type="number" min={0} max={100} disabled={disabled} value={typeof r.percent === 'number' ? r.percent : ''} onChange={(e) => set(i, { percent: Number(e.target.value) })} />
          <span>%</span>
          <button className="link" disabled={disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('panel.remove')}</button>
        </div>
      ))}
      <div className="row">
        <button className="small" disabled={disabled} onClick={() => onChange([...rows, { label: String.fromCharCode(65 + rows.length), percent: 0 }])}>+ {t('panel.add')}</button>
        <span className={total === 100 ? 'muted' : 'error'}>Σ {total}%</span>
      </div>
    </div>
  );
}

export function StringListWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const rows = arr(value).map(asString);
  return (
    <div className="rows" data-testid={`field-${name}`}>
      {rows.map((r, i) => (
        <div key={i} className="row">
          <input disabled={disabled} value={r} onChange={(e) => onChange(rows.map((x, j) => (j === i ? e.target.value : x)))} />
          <button className="link" disabled={disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('panel.remove')}</button>
        </div>
      ))}
      <button className="small" disabled={disabled} onClick={() => onChange([...rows, ''])}>+ {t('panel.add')}</button>
    </div>
  );
}

export function KeyValueWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { t } = useTranslation();
  const entries = Object.entries(rec(value));
  const write = (next: [string, unknown][]) => onChange(Object.fromEntries(next));
  return (
    <div className="rows" data-testid={`field-${name}`}>
      {entries.map(([k, v], i) => (
        <div key={i} className="row">
          <input aria-label={localText(aria.key)} disabled={disabled} value={k} onChange={(e) => write(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} />
          <input aria-label={localText(aria.value)} disabled={disabled} value={showFilterValue(v)} onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], parseFilterValue(e.target.value)] : x)))} />
          <button className="link" disabled={disabled} onClick={() => write(entries.filter((_, j) => j !== i))}>{t('panel.remove')}</button>
        </div>
      ))}
      <button className="small" disabled={disabled} onClick={() => write([...entries, [`key${entries.length + 1}`, '']])}>+ {t('panel.add')}</button>
    </div>
  );
}

export function NodeRefWidget({ name, value, onChange, hint, nodeId, disabled }: WidgetProps) {
  const nodes = useCanvas((s) => s.nodes);
  const choices = nodes.filter((n) => n.id !== nodeId && (!hint.nodeTypes?.length || hint.nodeTypes.includes(n.data.typeId)));
  return (
    <select id={name} data-testid={`field-${name}`} disabled={disabled} value={asString(value)} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {choices.map((n) => (
        <option key={n.id} value={n.id}>{n.data.label ? `${n.data.label} · ${nodeLabel(nodeType(n.data.typeId), n.data.typeId)}` : nodeLabel(nodeType(n.data.typeId), n.data.typeId)}</option>
      ))}
    </select>
  );
}

export function ReentryWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const r = rec(value);
  const mode = asString(r.mode) || 'afterExit';
  return (
    <div className="rows" data-testid={`field-${name}`}>
      <select disabled={disabled} value={mode} onChange={(e) => onChange(e.target.value === 'everyTime' ? { mode: 'everyTime', minGap: { amount: 1, unit: 'days' } } : { mode: e.target.value })}>
        <option value="once">{en ? 'Only once ever' : 'Chỉ một lần'}</option>
        <option value="afterExit">{en ? 'Again after leaving' : 'Lại sau khi rời hành trình'}</option>
        <option value="everyTime">{en ? 'Every time, with a minimum gap' : 'Mỗi lần, cách nhau tối thiểu'}</option>
      </select>
      {mode === 'everyTime' && <DurationInput name={`${name}-minGap`} value={r.minGap} disabled={disabled} onChange={(minGap) => onChange({ ...r, minGap })} />}
    </div>
  );
}

export function EntryLimitWidget({ name, value, onChange, disabled }: WidgetProps) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const l = value === null || value === undefined ? null : rec(value);
  return (
    <div className="rows" data-testid={`field-${name}`}>
      <label className="check">
        <input type="checkbox" disabled={disabled} checked={l !== null} onChange={(e) => onChange(e.target.checked ? { max: 1000, per: { amount: 1, unit: 'days' } } : null)} />
        {en ? 'Limit entries' : 'Giới hạn lượt vào'}
      </label>
      {l && (
        <div className="row">
          <input type="number" min={1} disabled={disabled} value={typeof l.max === 'number' ? l.max : ''} onChange={(e) => onChange({ ...l, max: Number(e.target.value) })} />
          <span>{en ? 'per' : 'mỗi'}</span>
          <DurationInput name={`${name}-per`} value={l.per} disabled={disabled} onChange={(per) => onChange({ ...l, per })} />
        </div>
      )}
    </div>
  );
}
