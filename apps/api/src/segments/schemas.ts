// Request and response shapes of the segments API. The rule schema is the one the segment
// builder uses (@braid/journey), so a rule refused here is refused with the same path there.
import { segmentRuleSchema } from '@braid/journey';
import { z } from '@hono/zod-openapi';

export const Rule = segmentRuleSchema;

export const Segment = z
  .object({
    id: z.string(),
    name: z.string(),
    rule: z.record(z.string(), z.unknown()).openapi({ description: 'The rule: `{ match: "all" | "any", conditions: [...] }` (trait, eventCount, segment, group)' }),
    members: z.number().int(),
    /** When the last evaluation over everyone finished; null while the first one runs. */
    evaluatedAt: z.number().int().nullable(),
    /** Rules that count events are evaluated again on a schedule as windows expire. */
    timeBased: z.boolean(),
    createdAt: z.number().int(),
  })
  .openapi('Segment');

export const Body = z.object({ name: z.string().trim().min(1).max(200), rule: Rule });

export const PreviewBody = z.object({
  rule: Rule,
  /** The segment being edited, so a reference back to it is named as a cycle. */
  segmentId: z.string().min(1).max(100).optional(),
});

export const Preview = z.object({
  count: z.number().int(),
  sample: z.array(z.object({ customerId: z.string(), traits: z.record(z.string(), z.unknown()) })),
});

export const JourneyUse = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  /** Starts when a customer joins the segment (its published version does). */
  triggeredBySegment: z.boolean(),
});

export const Catalogue = z.object({
  events: z.array(z.object({ name: z.string(), count: z.number().int(), properties: z.array(z.object({ key: z.string(), values: z.array(z.string()) })) })),
  traits: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
});

export const Change = z.object({ customerId: z.string(), change: z.enum(['joined', 'left']), at: z.number().int() });
