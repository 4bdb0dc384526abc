// A change read aloud: field labels from the node type's form hints and values in the words the
// form uses (option labels, "2 ngày", "Có"), never raw JSON when a better word exists.
import type { AnyNodeType } from '@braid/sdk';
import { formatNumber, formatVnd } from '../format';

type Hint = { label?: unknown; widget?: string; options?: readonly { value: string; label: unknown }[] };
type T = (key: string, options?: Record<string, unknown>) => string;

/** Node type texts are being declared per language: a plain string or `{ vi, en }`. */
export function textOf(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const picked = v[lang] ?? v.vi ?? v.en;
    if (typeof picked === 'string') return picked;
  }
  return '';
}

export function hintOf(type: AnyNodeType | undefined, field: string): Hint | undefined {
  return (type?.form as Record<string, Hint | undefined> | undefined)?.[field];
}

/** The form's label of a config field; the step's own name for `$label`; the key when the type has no hint for it. */
export function fieldLabel(type: AnyNodeType | undefined, field: string, lang: string, t: T): string {
  if (field === '$label') return t('review.stepName');
  return textOf(hintOf(type, field)?.label, lang) || field;
}

const MAX = 120;
const clip = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);

function isDuration(v: unknown): v is { amount: number; unit: string } {
  return !!v && typeof v === 'object' && typeof (v as { amount?: unknown }).amount === 'number' && typeof (v as { unit?: unknown }).unit === 'string';
}

export function formatValue(value: unknown, hint: Hint | undefined, lang: string, t: T): string {
  if (value === null || value === undefined || value === '') return t('review.empty');
  if (typeof value === 'boolean') return value ? t('panel.yes') : t('panel.no');
  if (isDuration(value)) return t(`review.unit.${value.unit}`, { count: value.amount, defaultValue: `${value.amount} ${value.unit}` });
  const option = (v: unknown) => {
    const o = hint?.options?.find((x) => x.value === v);
    return o ? textOf(o.label, lang) : String(v);
  };
  if (hint?.widget === 'select') return option(value);
  if (hint?.widget === 'money' && typeof value === 'number') return formatVnd(value, lang);
  if (hint?.widget === 'weekdays' && Array.isArray(value)) return value.map((d) => t(`review.weekday.${String(d)}`)).join(', ');
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'string') return clip(`“${value}”`);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return clip(value.map(option).join(', '));
  return clip(JSON.stringify(value));
}

/**
 * A step as a reviewer recognises it: its given name, else its kind and card summary ("Chờ ·
 * 2 ngày"), since a journey often has several steps of one kind.
 */
export function stepName(node: { id: string; type: string; label?: string; config?: unknown } | undefined, lang: string, kind: (typeId: string) => string, summary: (typeId: string, config: unknown) => unknown): string {
  if (!node) return '';
  if (node.label) return node.label;
  const k = kind(node.type);
  const s = textOf(summary(node.type, node.config), lang);
  return s && s !== k ? `${k} · ${s}` : k || node.id;
}
