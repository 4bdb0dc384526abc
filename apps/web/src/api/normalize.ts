// Small readers for wire JSON: they accept a few spellings so the UI survives small API changes
// and never crashes on a missing field.
export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

/** `[...]` or `{<key>: [...]}` or `{items: [...]}` or `{data: [...]}`. */
export function list(value: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(value)) return value;
  const o = obj(value);
  for (const k of [...keys, 'items', 'data', 'results']) if (Array.isArray(o[k])) return o[k] as unknown[];
  return [];
}

/** `{<key>: {...}}` or the object itself. */
export function unwrap(value: unknown, key: string): Obj {
  const o = obj(value);
  return typeof o[key] === 'object' && o[key] !== null && !Array.isArray(o[key]) ? obj(o[key]) : o;
}

export function str(o: Obj, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}

export function num(o: Obj, ...keys: string[]): number | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return null;
}

export function time(o: Obj, ...keys: string[]): string | number | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'number') return v;
  }
  return null;
}
