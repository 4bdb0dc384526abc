// Shared config building blocks, so every node type spells durations, filters and re-entry
// the same way and the canvas can reuse one widget per shape.
import { z } from 'zod';
import type { Comparison, EntryLimit, EventMatcher, Json, PropertyFilter, ReentryRule } from './ir';

export const durationUnits = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export const durationSchema = z.object({
  amount: z.number({ error: 'Enter a number' }).positive({ error: 'Must be more than zero' }),
  unit: z.enum(durationUnits, { error: 'Pick minutes, hours or days' }),
});
export type Duration = z.output<typeof durationSchema>;

const UNIT_MS: Record<DurationUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function durationToMs(d: Duration): number {
  return Math.round(d.amount * UNIT_MS[d.unit]);
}

export function describeDuration(d: Duration): string {
  const unit = d.amount === 1 ? d.unit.slice(0, -1) : d.unit;
  return `${d.amount} ${unit}`;
}

export const comparisons = [
  'equals',
  'notEquals',
  'greaterThan',
  'greaterOrEqual',
  'lessThan',
  'lessOrEqual',
  'contains',
  'notContains',
  'exists',
  'notExists',
  'in',
] as const satisfies readonly Comparison[];

export const comparisonLabels: Record<Comparison, string> = {
  equals: 'is',
  notEquals: 'is not',
  greaterThan: 'is more than',
  greaterOrEqual: 'is at least',
  lessThan: 'is less than',
  lessOrEqual: 'is at most',
  contains: 'contains',
  notContains: 'does not contain',
  exists: 'is set',
  notExists: 'is not set',
  in: 'is one of',
};

const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
  // A named id lets OpenAPI generators emit a $ref instead of recursing forever.
).meta({ id: 'JsonValue' });
export { jsonSchema };

export const propertyFilterSchema = z
  .object({
    path: z.string().trim().min(1, { error: 'Name the property to compare' }),
    op: z.enum(comparisons),
    value: z.union([jsonSchema, z.object({ ref: z.string().min(1) })]).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.op === 'exists' || f.op === 'notExists') return;
    if (f.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `Enter a value for "${comparisonLabels[f.op]}"` });
    else if (f.op === 'in' && !Array.isArray(f.value) && !(typeof f.value === 'object' && f.value !== null && 'ref' in f.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Give a list of values for "is one of"' });
  }) satisfies z.ZodType<PropertyFilter>;

export const eventMatcherSchema = z.object({
  event: z.string().trim().min(1, { error: 'Name the event' }),
  where: z.array(propertyFilterSchema).default([]),
}) satisfies z.ZodType<EventMatcher, unknown>;

export const reentrySchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('once') }),
    z.object({ mode: z.literal('afterExit') }),
    z.object({ mode: z.literal('everyTime'), minGap: durationSchema.optional() }),
  ])
  .default({ mode: 'afterExit' });
export type ReentryConfig = z.output<typeof reentrySchema>;

export const entryLimitSchema = z
  .object({ max: z.number().int().positive(), per: durationSchema })
  .nullable()
  .default(null);
export type EntryLimitConfig = z.output<typeof entryLimitSchema>;

export function compileReentry(r: ReentryConfig, ms: (d: Duration) => number): ReentryRule {
  if (r.mode === 'everyTime') return { mode: 'everyTime', minGapMs: r.minGap ? ms(r.minGap) : 0 };
  return { mode: r.mode };
}

export function compileEntryLimit(l: EntryLimitConfig, ms: (d: Duration) => number): EntryLimit {
  return l ? { max: l.max, periodMs: ms(l.per) } : null;
}

export function describeFilter(f: PropertyFilter): string {
  const v = f.value;
  const shown = v && typeof v === 'object' && !Array.isArray(v) && 'ref' in v ? `{{ ${String(v.ref)} }}` : JSON.stringify(v);
  return f.op === 'exists' || f.op === 'notExists' ? `${f.path} ${comparisonLabels[f.op]}` : `${f.path} ${comparisonLabels[f.op]} ${shown}`;
}

export const channels = ['email', 'sms', 'messenger', 'zalo', 'web', 'push', 'webhook'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  email: 'Email',
  sms: 'SMS',
  messenger: 'Facebook Messenger',
  zalo: 'Zalo',
  web: 'On-site message',
  push: 'Push notification',
  webhook: 'Webhook',
};
