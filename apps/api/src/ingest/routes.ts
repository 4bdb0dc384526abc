// POST /v1/track|identify|page|screen|group|alias|batch — the Segment HTTP Tracking API.
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { KeyCache } from '../auth/keys';
import { ApiError } from '../errors';
import { MAX_REQUEST_BYTES, parseIngestBody, parseJsonBody } from './parse';
import { segmentTypes, type SegmentType } from './schema';
import { storeEvents, type IngestedEvent } from './store';
import type { AllowedOrigins } from '../website/allowed-origins';
import { assertVerified, type IdentityVerification } from '../website/identity-verification';

export interface IngestDeps {
  db: Db;
  keys: KeyCache;
  onEventsIngested?: (events: IngestedEvent[]) => Promise<void> | void;
  /** Default BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
  /** Pages (requests with an Origin) may send only from the workspace's allowed origins. */
  origins?: AllowedOrigins;
  /** While a workspace verifies identities, write-key events naming a userId need its userHash. */
  verification?: IdentityVerification;
}

function basicUsername(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, encoded] = header.split(' ');
  if (!encoded || scheme?.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const user = decoded.split(':')[0] ?? '';
  return user.length > 0 ? user : null;
}

export function ingestRoutes(deps: IngestDeps): Hono {
  const app = new Hono();
  // The website snippet (analytics.js) posts from the shop's own origin; write keys are public.
  app.use(
    cors({
      origin: '*',
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization'],
      maxAge: 86400,
    }),
  );
  const handle = (route: SegmentType | 'batch') => async (c: Context) => {
    const receivedAt = Date.now();
    const headerKey = basicUsername(c.req.header('authorization'));
    const text = await readBody(c, deps.bodyTimeoutMs ?? BODY_TIMEOUT_MS);
    let body: unknown;
    try {
      body = parseJsonBody(text);
    } catch (error) {
      if (!headerKey) throw unauthorized();
      throw error;
    }
    const bodyKey =
      body && typeof body === 'object' && typeof (body as { writeKey?: unknown }).writeKey === 'string'
        ? (body as { writeKey: string }).writeKey
        : null;
    const writeKey = headerKey ?? bodyKey;
    if (!writeKey) throw unauthorized();
    const { owner, server } = await keyOwner(deps.keys, writeKey);
    if (!owner) throw unauthorized();
    await deps.origins?.check(c.req.header('origin'), owner.workspaceId);

    const parsed = parseIngestBody(body, route);
    // A write key is public, and a missing Origin header proves nothing (curl sends none): only an
    // admin token vouches for the ids it sends. Everyone else proves a user id with its userHash.
    const check = server ? null : await deps.verification?.of(owner.workspaceId);
    if (check) assertVerified(check, parsed.events, route === 'batch');
    const stored = await storeEvents(
      deps.db.$client,
      owner.workspaceId,
      parsed.events,
      parsed.sentAt,
      receivedAt,
      { onlyVerifiedIdentities: Boolean(check) },
    );
    if (stored.length > 0 && deps.onEventsIngested) {
      // Events are committed: a failing subscriber must not make the client retry (the retry
      // would be deduped and never reach it again). It is logged instead.
      try {
        await deps.onEventsIngested(stored);
      } catch (error) {
        console.error('[ingest] onEventsIngested failed', error);
      }
    }
    return c.json({ success: true });
  };

  for (const route of [...segmentTypes, 'batch'] as const) app.post(`/${route}`, handle(route));
  return app;
}

/**
 * The workspace a key belongs to: a write key (public, in the shop's pages), or an admin token
 * (secret, for the shop's servers: Segment's server libraries take it as their write key).
 */
async function keyOwner(keys: KeyCache, key: string) {
  const owner = await keys.lookup(key, 'write');
  if (owner) return { owner, server: false };
  return { owner: await keys.lookup(key, 'admin'), server: true };
}

function tooLarge(): ApiError {
  // Segment answers oversized requests with 400 so clients drop them instead of retrying.
  return new ApiError(400, 'too_large', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, [
    { field: '', message: `at most ${MAX_REQUEST_BYTES} bytes per request` },
  ]);
}

/**
 * How long a client has to send its whole body. Without it a request whose Content-Length
 * exceeds what it sends holds a connection (and its memory) until Node's 300 s request timeout;
 * 500 KB in 10 s asks for 50 KB/s, which any client batching events has.
 */
export const BODY_TIMEOUT_MS = 10_000;

function bodyTimeout(ms: number): ApiError {
  return new ApiError(408, 'body_timeout', `The request body did not arrive within ${Math.round(ms / 1000)} s`, [
    { field: '', message: 'fewer bytes arrived than Content-Length announced, or too slowly' },
  ]);
}

/** Each chunk of `source`, until it ends, fails, or `ms` have passed since the first call. */
async function readWithin(source: AsyncIterable<Uint8Array>, ms: number, add: (chunk: Buffer) => void, stop: () => void) {
  const iterator = source[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(bodyTimeout(ms)), ms);
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), expired]);
      if (next.done) return;
      add(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value));
    }
  } catch (error) {
    stop();
    // A read still pending at the deadline ends when the socket closes after the answer
    // (Connection: close); ending the stream now would close the socket before the 408 is sent.
    if (!(error instanceof ApiError && error.status === 408)) await iterator.return?.()?.catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The raw body, at most MAX_REQUEST_BYTES, within `timeoutMs`. On Node it is read straight from
 * the socket stream (converting to a web stream first costs more than parsing the JSON);
 * elsewhere via the fetch API.
 */
async function readRaw(c: Context, timeoutMs: number): Promise<Buffer> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > MAX_REQUEST_BYTES) {
    // The rest of the body is never read: the connection cannot be reused.
    c.header('Connection', 'close');
    throw tooLarge();
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const chunks: Buffer[] = [];
  let size = 0;
  const add = (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw tooLarge();
    chunks.push(chunk);
  };
  // Whatever stops the read early leaves unread bytes on the connection: it cannot be reused.
  const stop = () => c.header('Connection', 'close');
  if (incoming && typeof incoming.on === 'function' && !incoming.readableEnded) {
    await readWithin(incoming as AsyncIterable<Buffer>, timeoutMs, add, stop);
  } else if (c.req.raw.body) {
    await readWithin(c.req.raw.body as unknown as AsyncIterable<Uint8Array>, timeoutMs, add, stop);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Some Segment/RudderStack clients gzip their batches. The limit applies after inflating too. */
async function readBody(c: Context, timeoutMs: number): Promise<string> {
  const encoding = c.req.header('content-encoding')?.toLowerCase();
  if (encoding && encoding !== 'identity' && encoding !== 'gzip') {
    throw new ApiError(
      415,
      'unsupported_encoding',
      `Content-Encoding ${encoding} is not supported; use gzip or none`,
      [{ field: 'Content-Encoding', message: 'must be gzip or absent' }],
    );
  }
  const raw = await readRaw(c, timeoutMs);
  if (encoding !== 'gzip') return raw.toString('utf8');
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_REQUEST_BYTES }).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new ApiError(400, 'invalid_body', 'Body is not valid gzip', [
      { field: '', message: 'could not inflate' },
    ]);
  }
}

function unauthorized(): ApiError {
  return new ApiError(
    401,
    'unauthorized',
    'A valid write key or admin token is required (HTTP Basic username or `writeKey`)',
    [{ field: 'writeKey', message: 'missing, unknown or revoked' }],
  );
}
