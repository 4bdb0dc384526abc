// The Segment HTTP Tracking API's event shapes. Unknown fields are allowed (clients add
// `_metadata`, `integrations`, ...): Segment accepts them and so do we.
import { z } from 'zod';
import { saneTimestampMs, TIMESTAMP_RULE } from './timestamps';

const MAX_ID = 500;

/** SQLite text ends at a NUL byte, so a name or id containing one would be silently cut. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL (\\u0000) characters');

/** Segment clients may send numeric ids; they are stored as strings. */
const id = z
  .union([text(MAX_ID).min(1, 'must not be empty'), z.number().finite()])
  .transform((v) => String(v));

/** A date in the range every later reader can turn into a Date (see timestamps.ts). */
const timestamp = z.union([z.string(), z.number()]).refine((v) => saneTimestampMs(v) !== null, TIMESTAMP_RULE);

const object = z.record(z.string(), z.unknown());

const common = {
  messageId: text(200).min(1, 'must not be empty').optional(),
  userId: id.optional().nullable(),
  anonymousId: id.optional().nullable(),
  timestamp: timestamp.optional().nullable(),
  originalTimestamp: timestamp.optional().nullable(),
  sentAt: timestamp.optional().nullable(),
  context: object.optional().nullable(),
  integrations: object.optional().nullable(),
  // Each declared by some types only, but stored from any event that carries it: the same shape
  // wherever it appears (an object as groupId used to reach SQLite's binding and fail with 500;
  // `traits: "x"` on a track was stored and then broke the events API's documented shape).
  groupId: id.optional().nullable(),
  previousId: id.optional().nullable(),
  properties: object.optional().nullable(),
  traits: object.optional().nullable(),
};

export const trackEvent = z.looseObject({
  ...common,
  type: z.literal('track').optional(),
  event: text(1000).min(1, 'must not be empty'),
  properties: object.optional().nullable(),
});
export const identifyEvent = z.looseObject({
  ...common,
  type: z.literal('identify').optional(),
  traits: object.optional().nullable(),
});
export const pageEvent = z.looseObject({
  ...common,
  type: z.literal('page').optional(),
  name: text(1000).optional().nullable(),
  category: z.string().max(1000).optional().nullable(),
  properties: object.optional().nullable(),
});
export const screenEvent = z.looseObject({
  ...common,
  type: z.literal('screen').optional(),
  name: text(1000).optional().nullable(),
  properties: object.optional().nullable(),
});
export const groupEvent = z.looseObject({
  ...common,
  type: z.literal('group').optional(),
  groupId: id,
  traits: object.optional().nullable(),
});
export const aliasEvent = z.looseObject({
  ...common,
  type: z.literal('alias').optional(),
  userId: id,
  previousId: id,
});

export const eventSchemas = {
  track: trackEvent,
  identify: identifyEvent,
  page: pageEvent,
  screen: screenEvent,
  group: groupEvent,
  alias: aliasEvent,
} as const;

export type SegmentType = keyof typeof eventSchemas;
export const segmentTypes = Object.keys(eventSchemas) as SegmentType[];

export type ParsedEvent = { type: SegmentType } & z.infer<(typeof eventSchemas)[SegmentType]> & {
    event?: string;
    name?: string | null;
    category?: string | null;
    properties?: Record<string, unknown> | null;
    traits?: Record<string, unknown> | null;
    groupId?: string;
    previousId?: string;
  };
