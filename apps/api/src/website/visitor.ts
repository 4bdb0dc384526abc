// The snippet's own requests (on-site messages, push subscriptions) carry the write key and the
// visitor's anonymous id in the query or a text/plain JSON body, as a page can send them without
// a CORS preflight. The anonymous id (random, in the visitor's first-party cookie) is what proves
// which customer the browser is: a user id alone never reads or subscribes for anyone.
import { findCustomerByIdentity, type Db } from '@braid/db';
import type { Context } from 'hono';
import type { KeyCache } from '../auth/keys';
import { ApiError } from '../errors';
import type { AllowedOrigins } from './allowed-origins';

export type VisitorDeps = { db: Db; keys: KeyCache; origins: AllowedOrigins };

export type Site = { workspaceId: string };
export type Visitor = Site & { anonymousId: string; customerId: string | null };

const MAX_ID = 500;

export function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', 'A valid write key is required (`writeKey`)', [{ field: 'writeKey', message: 'missing, unknown or revoked' }]);
}

/** The workspace whose write key this is, if the page's origin may use it. */
export async function siteOf(c: Context, deps: VisitorDeps, writeKey: unknown): Promise<Site> {
  if (typeof writeKey !== 'string' || writeKey.length === 0 || writeKey.length > 200) throw unauthorized();
  const owner = await deps.keys.lookup(writeKey, 'write');
  if (!owner) throw unauthorized();
  await deps.origins.check(c.req.header('origin'), owner.workspaceId);
  return { workspaceId: owner.workspaceId };
}

export async function visitorOf(c: Context, deps: VisitorDeps, fields: { writeKey?: unknown; anonymousId?: unknown }): Promise<Visitor> {
  const site = await siteOf(c, deps, fields.writeKey);
  const anonymousId = fields.anonymousId;
  if (typeof anonymousId !== 'string' || anonymousId.trim() === '' || anonymousId.length > MAX_ID) {
    throw new ApiError(400, 'invalid_request', 'The visitor\'s anonymousId is required', [{ field: 'anonymousId', message: `a non-empty string of at most ${MAX_ID} characters` }]);
  }
  const customerId = await findCustomerByIdentity(deps.db, site.workspaceId, 'anonymous_id', anonymousId);
  return { ...site, anonymousId, customerId };
}

/** A text/plain (or JSON) body as an object, or a 400. */
export async function bodyObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.length > 16_384) throw new ApiError(400, 'too_large', 'Body exceeds 16384 bytes', [{ field: '', message: 'at most 16384 bytes' }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'Body is not valid JSON', [{ field: '', message: 'expected a JSON object' }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'invalid_json', 'Body must be a JSON object', [{ field: '', message: 'expected a JSON object' }]);
  return value as Record<string, unknown>;
}
