// Reads and checks the JSON body of every /api write before any route sees it, so that a body
// that is missing, of another type, malformed or hostile gets a 4xx naming the problem, never a
// 500 from deep in a handler. The routes' zod validators then read the same (cached) text.
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, validationError } from '../errors';
import { jsonProblem } from '../json-limits';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

function hasBody(length: string | undefined, chunked: string | undefined): boolean {
  return (length !== undefined && length.trim() !== '0') || chunked !== undefined;
}

/**
 * Hands the routes an empty body as `{}`. Hono's validators read the body through
 * `c.req.bodyCache.text`, which holds a promise at runtime (its type says string). Were that to
 * change, an empty JSON body would get Hono's own 400 "Malformed JSON": still not a 500.
 */
function emptyAsObject(c: Context): void {
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
}

export function jsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const type = c.req.header('content-type');
    if (!hasBody(c.req.header('content-length'), c.req.header('transfer-encoding'))) {
      // No body: routes validate it as `{}` and name each missing field. An empty body typed
      // as JSON would fail their JSON.parse, so it is handed to them as `{}` too.
      if (type && JSON_TYPE.test(type)) emptyAsObject(c);
      return next();
    }
    if (!type || !JSON_TYPE.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', `Send the body as JSON (Content-Type: application/json), not ${type ?? 'untyped'}`, [
        { field: 'Content-Type', message: 'must be application/json' },
      ]);
    }
    const text = await c.req.text();
    if (text.trim() === '') {
      emptyAsObject(c);
      return next();
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ApiError(400, 'invalid_json', `Body is not valid JSON: ${(error as Error).message}`, [{ field: '', message: (error as Error).message }]);
    }
    const problem = jsonProblem(value);
    if (problem) throw validationError([problem]);
    return next();
  };
}
