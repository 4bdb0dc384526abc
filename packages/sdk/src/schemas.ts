// Shared config building blocks, so every node type spells durations, filters and re-entry
// the same way and the canvas can reuse one widget per shape.
import { z } from 'zod';
import type { Comparison, EntryLimit, EventMatcher, Json, PropertyFilter, ReentryRule } from './ir';
import type { Language, LocalText } from './text';
import { encodeText, errorText, inEachLanguage } from './text';

export const durationUnits = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export const durationSchema = z.object({
  amount: z.number(errorText({ vi: 'Hãy nhập một số', en: 'Enter a number' })).positive(errorText({ vi: 'Phải lớn hơn 0', en: 'Must be more than zero' })),
  unit: z.enum(durationUnits, errorText({ vi: 'Chọn phút, giờ hoặc ngày', en: 'Pick minutes, hours or days' })),
});
export type Duration = z.output<typeof durationSchema>;

const UNIT_MS: Record<DurationUnit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export function durationToMs(d: Duration): number {
  return Math.round(d.amount * UNIT_MS[d.unit]);
}

const UNIT_NAMES: Record<DurationUnit, { vi: string; en: [string, string] }> = {
  minutes: { vi: 'phút', en: ['minute', 'minutes'] },
  hours: { vi: 'giờ', en: ['hour', 'hours'] },
  days: { vi: 'ngày', en: ['day', 'days'] },
};

/** At most two decimals, with the language's decimal mark ("0,5" in Vietnamese, "0.5" in English). */
function amountText(amount: number, language: Language): string {
  const rounded = String(Math.round(amount * 100) / 100);
  return language === 'vi' ? rounded.replace('.', ',') : rounded;
}

/**
 * "2 ngày" / "2 days": Vietnamese nouns have no plural. A wait shorter than a minute (a test
 * shortens "1 hour" to 0.33 minutes) is said in seconds, never as a long fraction.
 */
export function describeDuration(d: Duration): LocalText {
  if (d.unit === 'minutes' && d.amount < 1) {
    const seconds = Math.max(1, Math.round(d.amount * 60));
    return { vi: `${seconds} giây`, en: `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` };
  }
  const names = UNIT_NAMES[d.unit];
  return { vi: `${amountText(d.amount, 'vi')} ${names.vi}`, en: `${amountText(d.amount, 'en')} ${names.en[d.amount === 1 ? 0 : 1]}` };
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

export const comparisonLabels: Record<Comparison, LocalText> = {
  equals: { vi: 'là', en: 'is' },
  notEquals: { vi: 'không là', en: 'is not' },
  greaterThan: { vi: 'lớn hơn', en: 'is more than' },
  greaterOrEqual: { vi: 'ít nhất', en: 'is at least' },
  lessThan: { vi: 'nhỏ hơn', en: 'is less than' },
  lessOrEqual: { vi: 'nhiều nhất', en: 'is at most' },
  contains: { vi: 'có chứa', en: 'contains' },
  notContains: { vi: 'không chứa', en: 'does not contain' },
  exists: { vi: 'có giá trị', en: 'is set' },
  notExists: { vi: 'chưa có giá trị', en: 'is not set' },
  in: { vi: 'là một trong', en: 'is one of' },
};

const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
  // A named id lets OpenAPI generators emit a $ref instead of recursing forever.
).meta({ id: 'JsonValue' });
export { jsonSchema };

export const propertyFilterSchema = z
  .object({
    path: z.string().trim().min(1, errorText({ vi: 'Hãy nêu thuộc tính cần so sánh', en: 'Name the property to compare' })),
    op: z.enum(comparisons),
    value: z.union([jsonSchema, z.object({ ref: z.string().min(1) })]).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.op === 'exists' || f.op === 'notExists') return;
    const op = comparisonLabels[f.op];
    if (f.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: encodeText({ vi: `Hãy nhập giá trị cho "${op.vi}"`, en: `Enter a value for "${op.en}"` }) });
    else if (f.op === 'in' && !Array.isArray(f.value) && !(typeof f.value === 'object' && f.value !== null && 'ref' in f.value))
      ctx.addIssue({ code: 'custom', path: ['value'], message: encodeText({ vi: 'Hãy nhập danh sách giá trị cho "là một trong"', en: 'Give a list of values for "is one of"' }) });
  }) satisfies z.ZodType<PropertyFilter>;

export const eventMatcherSchema = z.object({
  event: z.string().trim().min(1, errorText({ vi: 'Hãy nêu tên sự kiện', en: 'Name the event' })),
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

export function describeFilter(f: PropertyFilter): LocalText {
  const v = f.value;
  const shown = v && typeof v === 'object' && !Array.isArray(v) && 'ref' in v ? `{{ ${String(v.ref)} }}` : JSON.stringify(v);
  return inEachLanguage((lang) => {
    const op = comparisonLabels[f.op][lang];
    return f.op === 'exists' || f.op === 'notExists' ? `${f.path} ${op}` : `${f.path} ${op} ${shown}`;
  });
}

/** Filters joined by "và"/"and" (or "hoặc"/"or"), as summaries show them. */
export function describeFilters(filters: readonly PropertyFilter[], match: 'all' | 'any' = 'all'): LocalText {
  const words: Record<Language, string> = match === 'all' ? { vi: ' và ', en: ' and ' } : { vi: ' hoặc ', en: ' or ' };
  return inEachLanguage((lang) => filters.map((f) => describeFilter(f)[lang]).join(words[lang]));
}

export const channels = ['email', 'sms', 'messenger', 'zalo', 'web', 'push', 'webhook'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, LocalText> = {
  email: { vi: 'Email', en: 'Email' },
  sms: { vi: 'SMS', en: 'SMS' },
  messenger: { vi: 'Facebook Messenger', en: 'Facebook Messenger' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  web: { vi: 'Tin trên website', en: 'On-site message' },
  push: { vi: 'Thông báo đẩy', en: 'Push notification' },
  webhook: { vi: 'Webhook', en: 'Webhook' },
};
