// Finds custom zod error messages written in one language only. zod keeps a schema's messages
// inside its definition (`_zod.def.error`, and each check's), so they can be read without
// parsing anything: a plain-string message would reach a Vietnamese marketer in English.
import { decodeText } from './text';

type Def = {
  type?: string;
  error?: (issue: unknown) => unknown;
  checks?: readonly { _zod?: { def?: Def } }[];
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  options?: readonly unknown[];
  in?: unknown;
  out?: unknown;
  keyType?: unknown;
  valueType?: unknown;
  left?: unknown;
  right?: unknown;
  items?: readonly unknown[];
  rest?: unknown;
  getter?: () => unknown;
};

function defOf(schema: unknown): Def | undefined {
  const zod = (schema as { _zod?: { def?: Def } } | null)?._zod;
  return zod?.def;
}

function messageOf(def: Def | undefined): string | null {
  if (typeof def?.error !== 'function') return null;
  try {
    // A fixed message ignores the issue; a function message may need fields, so give it a stub.
    const m = def.error({ code: 'custom', path: [], input: undefined, message: '' });
    if (typeof m === 'string') return m;
    if (m && typeof m === 'object' && typeof (m as { message?: unknown }).message === 'string') return (m as { message: string }).message;
  } catch {
    // A message function that needs a real issue is checked when it fires.
  }
  return null;
}

/** Paths (`configSchema.subject`) of custom messages that are not `errorText({ vi, en })`. */
export function untranslatedSchemaMessages(schema: unknown, path = 'configSchema'): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (s: unknown, at: string) => {
    const def = defOf(s);
    if (!def || seen.has(s)) return;
    seen.add(s);
    const own = messageOf(def);
    if (own !== null && !decodeText(own)) found.push(at);
    for (const check of def.checks ?? []) {
      const m = messageOf(check._zod?.def);
      if (m !== null && !decodeText(m)) found.push(`${at} (${String(check._zod?.def && (check._zod.def as { check?: string }).check)})`);
    }
    if (def.shape) for (const [k, v] of Object.entries(def.shape)) walk(v, `${at}.${k}`);
    for (const key of ['element', 'innerType', 'in', 'out', 'valueType', 'left', 'right', 'rest'] as const) if (def[key]) walk(def[key], at);
    for (const o of def.options ?? []) walk(o, at);
    for (const o of def.items ?? []) walk(o, at);
    if (def.type === 'lazy' && typeof def.getter === 'function') walk(def.getter(), at);
  };
  walk(schema, path);
  return found;
}
