// From a request body to validated events, or a 4xx naming the field. Nothing is written here.
import type { ErrorDetail } from '../errors';
import { ApiError, validationError, zodDetails } from '../errors';
import { fastValidate } from './fast-validate';
import { jsonProblem } from '../json-limits';
import { jsonSizeUpTo } from './json-size';
import { eventSchemas, segmentTypes, type ParsedEvent, type SegmentType } from './schema';
import { saneTimestampMs, TIMESTAMP_RULE } from './timestamps';

export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_REQUEST_BYTES = 500 * 1024;
export const MAX_BATCH_EVENTS = 2_500;

export interface ParsedRequest {
  writeKey: string | null;
  events: ParsedEvent[];
  /** Batch-level sentAt: analytics-node and others put it on the envelope, not each event. */
  sentAt: string | number | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'invalid_json', 'Body is not valid JSON', [
      { field: '', message: (error as Error).message },
    ]);
  }
}

function parseOne(raw: unknown, type: SegmentType, path: Array<string | number>, details: ErrorDetail[]) {
  // Depth and Unicode first: the size measure and zod below recurse without a bound.
  const problem = jsonProblem(raw, path);
  if (problem) {
    details.push(problem);
    return null;
  }
  const size = jsonSizeUpTo(raw, MAX_EVENT_BYTES);
  if (size > MAX_EVENT_BYTES) {
    details.push({
      field: path.join('.'),
      message: `event is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`,
    });
    return null;
  }
  let event = fastValidate(raw as Record<string, unknown>, type);
  if (!event) {
    const result = eventSchemas[type].safeParse(raw);
    if (!result.success) {
      details.push(...zodDetails(result.error, path));
      return null;
    }
    event = { ...result.data, type } as ParsedEvent;
  }
  if (type !== 'alias' && !event.userId && !event.anonymousId) {
    details.push({
      field: [...path, 'userId'].join('.'),
      message: 'either userId or anonymousId is required',
    });
    return null;
  }
  return event;
}

/**
 * `route` is the URL's type (`track` ... `batch`). A batch is all or nothing, as at Segment:
 * one bad event refuses the whole request with 400 naming it (`batch.3.traits`), and nothing of
 * it is stored; the client fixes or drops that event and sends the rest again.
 */
export function parseIngestBody(body: unknown, route: SegmentType | 'batch'): ParsedRequest {
  if (!isObject(body)) throw validationError([{ field: '', message: 'body must be a JSON object' }]);
  const writeKey = typeof body.writeKey === 'string' && body.writeKey.length > 0 ? body.writeKey : null;
  const details: ErrorDetail[] = [];
  const events: ParsedEvent[] = [];
  if (route !== 'batch') {
    const event = parseOne(body, route, [], details);
    if (event) events.push(event);
    if (details.length) throw validationError(details);
    return { writeKey, events, sentAt: null };
  }
  const batch = body.batch;
  if (!Array.isArray(batch))
    throw validationError([{ field: 'batch', message: 'must be an array of events' }]);
  if (batch.length > MAX_BATCH_EVENTS) {
    throw validationError([{ field: 'batch', message: `at most ${MAX_BATCH_EVENTS} events per batch` }]);
  }
  const envelopeContext = isObject(body.context) ? body.context : null;
  // The envelope's context is copied into every event's: measured as if it were one.
  const contextProblem = envelopeContext && jsonProblem({ context: envelopeContext });
  if (contextProblem) details.push(contextProblem);
  const sentAt = envelopeSentAt(body.sentAt, details);
  batch.forEach((raw, i) => {
    if (details.length >= 20) return;
    if (!isObject(raw)) {
      details.push({ field: `batch.${i}`, message: 'must be an event object' });
      return;
    }
    const type = raw.type;
    if (typeof type !== 'string' || !segmentTypes.includes(type as SegmentType)) {
      details.push({ field: `batch.${i}.type`, message: `must be one of ${segmentTypes.join(', ')}` });
      return;
    }
    const event = parseOne(raw, type as SegmentType, ['batch', i], details);
    if (!event) return;
    if (envelopeContext) event.context = { ...envelopeContext, ...(event.context ?? {}) };
    events.push(event);
  });
  if (details.length) throw validationError(details);
  return { writeKey, events, sentAt };
}

/** The batch's sentAt corrects every event's timestamp, so it must be a date in range too. */
function envelopeSentAt(value: unknown, details: ErrorDetail[]): string | number | null {
  if (value === undefined || value === null) return null;
  if ((typeof value === 'string' || typeof value === 'number') && saneTimestampMs(value) !== null) return value;
  details.push({ field: 'sentAt', message: TIMESTAMP_RULE });
  return null;
}
