// A saved segment's rule: traits, behaviour (how often an event happened in a window, with
// property filters) and membership of other segments, combined with all / any and nestable.
// Shared by the API (which refuses bad rules, naming the path) and the segment builder screen.
// Every rule is bounded by construction: a behaviour condition always has a window and its
// count is capped, so evaluating it never scans a customer's whole history.
import { z } from 'zod';
import { comparisons, encodeText, errorText, jsonSchema } from '@braid/sdk';
import type { Comparison, Json } from '@braid/sdk';

export const DAY_MS = 86_400_000;
/** The longest behaviour window: two years of history is the most a rule may look back. */
export const MAX_WINDOW_DAYS = 730;
export const MAX_EVENT_COUNT = 10_000;
/** Groups inside groups, counting the top level. */
export const MAX_RULE_DEPTH = 4;
/** Conditions in the whole rule, groups and nested segments included. */
export const MAX_RULE_CONDITIONS = 40;
/** How many segments deep "member of segment X" may reach (X refers to Y refers to Z ...). */
export const MAX_SEGMENT_NESTING = 5;

export const countComparisons = ['greaterOrEqual', 'greaterThan', 'equals', 'lessOrEqual', 'lessThan'] as const;
export type CountComparison = (typeof countComparisons)[number];

export type TraitFilter = { path: string; op: Comparison; value?: Json };
export type TraitCondition = { kind: 'trait'; filter: TraitFilter };
export type BehaviourCondition = { kind: 'eventCount'; event: string; where: TraitFilter[]; op: CountComparison; count: number; windowMs: number };
export type SegmentMembershipCondition = { kind: 'segment'; segmentId: string; in: boolean };
export type ConditionGroup = { kind: 'group'; match: 'all' | 'any'; conditions: SegmentCondition[] };
export type SegmentCondition = TraitCondition | BehaviourCondition | SegmentMembershipCondition | ConditionGroup;
export type SegmentRule = { match: 'all' | 'any'; conditions: SegmentCondition[] };

// A dotted path whose parts are plain keys: it becomes a JSON path in SQL, so a quote or an
// empty part is refused here rather than misread there.
const propertyPath = z
  .string()
  .trim()
  .min(1, errorText({ vi: 'Hãy nêu thuộc tính cần so sánh', en: 'Name the property to compare' }))
  .max(200)
  .refine((p) => p.split('.').every((part) => part.length > 0 && !part.includes('"') && !part.includes('\\') && ![...part].some((ch) => ch.charCodeAt(0) < 32)), {
    error: encodeText({ vi: 'Tên thuộc tính không được rỗng hay chứa dấu " hoặc \\', en: 'A property name may not be empty nor contain " or \\' }),
  });

const filterSchema = z
  .object({ path: propertyPath, op: z.enum(comparisons), value: jsonSchema.optional() })
  .superRefine((f, ctx) => {
    if (f.op === 'exists' || f.op === 'notExists') return;
    if (f.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: encodeText({ vi: 'Hãy nhập giá trị để so sánh', en: 'Enter a value to compare with' }) });
    } else if (f.op === 'in' && !Array.isArray(f.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: encodeText({ vi: 'Hãy nhập danh sách giá trị', en: 'Give a list of values' }) });
    } else if (f.op !== 'in' && typeof f.value === 'object') {
      // null included: "is not set" says that.
      ctx.addIssue({ code: 'custom', path: ['value'], message: encodeText({ vi: 'Hãy so sánh với chữ, số hoặc đúng/sai', en: 'Compare with text, a number or true/false' }) });
    }
  });

const behaviourSchema = z
  .object({
    kind: z.literal('eventCount'),
    event: z.string().trim().min(1, errorText({ vi: 'Hãy chọn sự kiện cần đếm', en: 'Choose the event to count' })).max(200),
    where: z.array(filterSchema).max(10).default([]),
    op: z.enum(countComparisons),
    count: z.number().int().min(0).max(MAX_EVENT_COUNT),
    windowMs: z.number().int().positive().max(MAX_WINDOW_DAYS * DAY_MS, errorText({ vi: `Khoảng thời gian tối đa là ${MAX_WINDOW_DAYS} ngày`, en: `The window is at most ${MAX_WINDOW_DAYS} days` })).optional(),
  })
  .superRefine((c, ctx) => {
    // Without a window the count runs over every event the customer ever had: unbounded.
    if (c.windowMs === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['windowMs'],
        message: encodeText({
          vi: `Điều kiện hành vi "${c.event}" cần một khoảng thời gian (tối đa ${MAX_WINDOW_DAYS} ngày); không có nó phải quét toàn bộ lịch sử`,
          en: `The behaviour rule "${c.event}" needs a time window (at most ${MAX_WINDOW_DAYS} days); without one it would scan the whole history`,
        }),
      });
    }
  });

const segmentRefSchema = z.object({ kind: z.literal('segment'), segmentId: z.string().trim().min(1, errorText({ vi: 'Hãy chọn phân khúc', en: 'Choose a segment' })).max(100), in: z.boolean().default(true) });

const conditionSchema: z.ZodType<SegmentCondition, unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [z.object({ kind: z.literal('trait'), filter: filterSchema }), behaviourSchema, segmentRefSchema, groupSchema]),
  // A named id lets OpenAPI generators emit a $ref for the nesting instead of recursing forever.
).meta({ id: 'SegmentCondition' }) as unknown as z.ZodType<SegmentCondition, unknown>;

const conditionList = z
  .array(conditionSchema)
  .min(1, errorText({ vi: 'Hãy thêm ít nhất một điều kiện', en: 'Add at least one condition' }))
  .max(MAX_RULE_CONDITIONS);

const groupSchema = z.object({ kind: z.literal('group'), match: z.enum(['all', 'any']), conditions: conditionList });

/** A rule as the API accepts it; refuses nesting deeper than MAX_RULE_DEPTH and oversized rules, naming the path. */
export const segmentRuleSchema = z
  .object({ match: z.enum(['all', 'any']).default('all'), conditions: conditionList })
  .superRefine((rule, ctx) => {
    let total = 0;
    const walk = (conditions: SegmentCondition[], depth: number, path: (string | number)[]) => {
      conditions.forEach((c, i) => {
        total += 1;
        if (c.kind !== 'group') return;
        if (depth + 1 > MAX_RULE_DEPTH) {
          ctx.addIssue({ code: 'custom', path: [...path, i], message: encodeText({ vi: `Nhóm lồng quá ${MAX_RULE_DEPTH} tầng`, en: `Groups nest at most ${MAX_RULE_DEPTH} deep` }) });
          return;
        }
        walk(c.conditions, depth + 1, [...path, i, 'conditions']);
      });
    };
    walk(rule.conditions, 1, ['conditions']);
    if (total > MAX_RULE_CONDITIONS) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: encodeText({ vi: `Tối đa ${MAX_RULE_CONDITIONS} điều kiện`, en: `At most ${MAX_RULE_CONDITIONS} conditions` }) });
    }
  }) as unknown as z.ZodType<SegmentRule, unknown>;

/** The segments a rule names directly, with the path of each reference (for messages). */
export function segmentReferences(rule: SegmentRule): { segmentId: string; path: string }[] {
  const out: { segmentId: string; path: string }[] = [];
  const walk = (conditions: SegmentCondition[], path: string) =>
    conditions.forEach((c, i) => {
      if (c.kind === 'segment') out.push({ segmentId: c.segmentId, path: `${path}.${i}` });
      else if (c.kind === 'group') walk(c.conditions, `${path}.${i}.conditions`);
    });
  walk(rule.conditions, 'conditions');
  return out;
}

/** Does the rule look at events (and so change as time passes and windows expire)? */
export function ruleCountsEvents(rule: { conditions: SegmentCondition[] }): boolean {
  return rule.conditions.some((c) => c.kind === 'eventCount' || (c.kind === 'group' && ruleCountsEvents(c)));
}

/** Event names the rule counts, directly (references are followed by the caller). */
export function eventsOfRule(rule: { conditions: SegmentCondition[] }): string[] {
  return rule.conditions.flatMap((c) => (c.kind === 'eventCount' ? [c.event] : c.kind === 'group' ? eventsOfRule(c) : []));
}

/** Does the rule look at traits (directly; references are followed by the caller)? */
export function ruleReadsTraits(rule: { conditions: SegmentCondition[] }): boolean {
  return rule.conditions.some((c) => c.kind === 'trait' || (c.kind === 'group' && ruleReadsTraits(c)));
}
