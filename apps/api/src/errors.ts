// One error shape everywhere: {error: {code, message, details}}, naming the field at fault.
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { decodeText } from '@braid/sdk';

export interface ErrorDetail {
  /** Dotted path of the field at fault, e.g. `batch.3.userId`; '' for the whole body. */
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

export function zodDetails(error: ZodError, prefix: ReadonlyArray<PropertyKey> = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: fieldPath([...prefix, ...issue.path]),
    // Shared schemas (filters, durations) carry both languages; the API answers in English.
    message: issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? 'is required' : (decodeText(issue.message)?.en ?? issue.message),
  }));
}

export function validationError(details: ErrorDetail[]): ApiError {
  const first = details[0];
  const message = first
    ? `${first.field || 'body'}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`
    : 'Invalid request';
  return new ApiError(400, 'invalid_request', message, details);
}

/** The shared hook @hono/zod-openapi calls when a request fails its schema. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context,
) {
  if (!result.success) {
    const err = validationError(zodDetails(result.error));
    return c.json(errorBody(err.code, err.message, err.details), 400);
  }
  return undefined;
}

/** Never leaks a stack: unknown errors become a generic 500 and are logged server-side. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 415) {
      // Raised by @hono/zod-openapi's media-type gate when a route's body is not JSON.
      return c.json(
        errorBody('unsupported_media_type', 'Send the body as JSON (Content-Type: application/json)', [
          { field: 'Content-Type', message: 'must be application/json' },
        ]),
        415,
      );
    }
    const code = status === 401 ? 'unauthorized' : status === 413 ? 'too_large' : 'http_error';
    return c.json(errorBody(code, err.message || 'Request failed'), status);
  }
  if (err instanceof SyntaxError) {
    return c.json(errorBody('invalid_json', 'Body is not valid JSON', [{ field: '', message: err.message }]), 400);
  }
  console.error('[api] unhandled error', c.req.method, c.req.path, err);
  return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
};
