// Reading a zod 4 schema's structure (object shape, enum values) so forms need no per-type code.
import type { z } from 'zod';

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; entries?: Record<string, string | number>; values?: unknown[]; element?: z.ZodType; options?: z.ZodType[] };

function defOf(schema: unknown): Def | null {
  const zod = (schema as { _zod?: { def?: Def } } | null)?._zod;
  return zod?.def ?? null;
}

/** Strips default/optional/nullable/pipe wrappers. */
export function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = defOf(s);
    if (!d) return s;
    if (['default', 'optional', 'nullable', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy') return s;
    else return s;
  }
  return s;
}

export function kindOf(schema: unknown): string {
  return defOf(unwrap(schema))?.type ?? 'unknown';
}

export function shapeOf(schema: unknown): Record<string, unknown> {
  const d = defOf(unwrap(schema));
  if (d?.type === 'object' && d.shape) return d.shape;
  return {};
}

export function enumValues(schema: unknown): string[] {
  const d = defOf(unwrap(schema));
  if (!d) return [];
  if (d.type === 'enum' && d.entries) return Object.values(d.entries).map(String);
  if (d.type === 'literal' && d.values) return d.values.map(String);
  if ((d.type === 'union' || d.type === 'discriminatedUnion') && d.options) return d.options.flatMap((o) => enumValues(o));
  return [];
}

export function elementOf(schema: unknown): unknown {
  const d = defOf(unwrap(schema));
  return d?.type === 'array' ? d.element : undefined;
}

/** The value a `.default(...)` gives the field, if any. */
export function defaultOf(schema: unknown): unknown {
  const d = defOf(schema) as (Def & { defaultValue?: unknown }) | null;
  if (d?.type !== 'default') return undefined;
  return typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
}
