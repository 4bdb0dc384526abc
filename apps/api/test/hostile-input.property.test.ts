// Property: whatever hostile input reaches the ingestion and admin routes (deep nesting, lone
// UTF-16 surrogates, extreme timestamps, missing, mistyped or malformed bodies), over real HTTP
// against a real libSQL file, the answer is never a 5xx, a refusal has the error shape, and a
// refused request leaves the database exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN, startTestApi, WRITE_KEY, type TestApi } from './helpers';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

let api: TestApi;
let cookie: string;
let journeyId: string;
let segmentId: string;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  journeyId = ((await (await api.admin('/api/journeys', { method: 'POST', body: JSON.stringify({ name: 'Target' }) })).json()) as { id: string }).id;
  const rule = { conditions: [{ kind: 'trait', filter: { path: 'plan', op: 'equals', value: 'pro' } }] };
  segmentId = ((await (await api.admin('/api/segments', { method: 'POST', body: JSON.stringify({ name: 'Pro', rule }) })).json()) as { id: string }).id;
  await api.post('/v1/identify', { userId: 'known', traits: { plan: 'pro', email: 'known@example.com' } });
});
afterAll(() => api.stop());

/** Every table a request could write, and the columns that change on update. */
async function snapshot(): Promise<string> {
  const r = await api.db.client.execute(
    `SELECT (SELECT count(*) FROM events) || ':' || (SELECT count(*) FROM customers) || ':' || (SELECT count(*) FROM customer_identities) || ':' ||
            (SELECT count(*) FROM customer_merges) || ':' || (SELECT coalesce(max(updated_at), 0) FROM customers) || ':' ||
            (SELECT coalesce(sum(length(traits)), 0) FROM customers) || ':' || (SELECT count(*) FROM workspaces) || ':' ||
            (SELECT group_concat(name) FROM workspaces) || ':' || (SELECT count(*) FROM api_keys) || ':' || (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL) || ':' ||
            (SELECT count(*) FROM journeys) || ':' || (SELECT coalesce(max(updated_at), 0) FROM journeys) || ':' || (SELECT count(*) FROM journey_versions) || ':' ||
            (SELECT count(*) FROM segments) || ':' || (SELECT group_concat(name) FROM segments) || ':' || (SELECT count(*) FROM channel_settings) || ':' ||
            (SELECT count(*) FROM sessions) AS s`,
  );
  return String(r.rows[0]?.s);
}

// ---- Hostile values. Deep ones are placeholders, expanded in the JSON text (JSON.stringify
// itself overflows the stack long before 20,000 levels).
const DEEP = '__deep__';
const deep = fc.record({ [DEEP]: fc.oneof(fc.integer({ min: 60, max: 80 }), fc.integer({ min: 900, max: 1_600 }), fc.integer({ min: 9_000, max: 20_000 })), array: fc.boolean() });
function expandDeep(text: string): string {
  return text.replace(/\{"__deep__":(\d+),"array":(true|false)\}/g, (_, n: string, array: string) => {
    const levels = Number(n);
    return array === 'true' ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
  });
}
const lone = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'), fc.string({ maxLength: 8 }))
  .map(([a, s, b]) => `${a}${s}${b}`);
const timestamp = fc.oneof(
  fc.constantFrom(1e20, -1, -1e20, 8.64e15 + 1, Number.MAX_VALUE, 253402300800000, '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.001Z', '1969-12-31T23:59:59Z', '', 'now'),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const plain = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const hostile = fc.oneof({ weight: 3, arbitrary: deep }, { weight: 3, arbitrary: lone }, { weight: 2, arbitrary: timestamp }, { weight: 2, arbitrary: plain });

// ---- Ingestion.
const eventTypes = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
/** A valid event of `type` with some fields replaced by hostile values (possibly none). */
const event = fc
  .tuple(
    fc.constantFrom(...eventTypes),
    fc.dictionary(
      fc.constantFrom('userId', 'anonymousId', 'previousId', 'groupId', 'event', 'name', 'messageId', 'timestamp', 'originalTimestamp', 'sentAt', 'properties', 'traits', 'context', 'integrations', 'extra'),
      hostile,
      { maxKeys: 3 },
    ),
    fc.option(fc.record({ email: fc.oneof(lone, plain), phone: fc.oneof(lone, plain), nested: hostile }, { requiredKeys: [] })),
  )
  .map(([type, overrides, traits]) => ({
    type,
    userId: 'prop-user',
    event: 'Viewed',
    name: 'Home',
    groupId: 'g',
    previousId: 'anon',
    ...(traits ? { traits, context: { traits } } : {}),
    ...overrides,
  }));

const ingestion = fc.oneof(
  { weight: 4, arbitrary: event.map((e) => ({ route: e.type as string, text: JSON.stringify(e), type: 'application/json' as string | undefined })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ batch: fc.array(event, { minLength: 1, maxLength: 4 }), sentAt: fc.option(timestamp), context: fc.option(hostile) }, { requiredKeys: ['batch'] })
      .map((b) => ({ route: 'batch', text: JSON.stringify(b), type: 'application/json' as string | undefined })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...eventTypes, 'batch'), fc.constantFrom('', '{', 'null', '[]', '"x"', 'userId=x', '{"batch":'), fc.constantFrom(undefined, 'application/json', 'text/plain'))
      .map(([route, text, type]) => ({ route, text, type })),
  },
);

// ---- Admin.
interface AdminOp {
  method: string;
  path: string;
}
const adminOps = (): AdminOp[] => [
  { method: 'POST', path: '/api/auth/login' },
  { method: 'POST', path: '/api/api-keys' },
  { method: 'POST', path: '/api/workspaces' },
  { method: 'PATCH', path: '/api/workspaces/current' },
  { method: 'POST', path: '/api/journeys' },
  { method: 'PUT', path: `/api/journeys/${journeyId}/draft` },
  { method: 'POST', path: `/api/journeys/${journeyId}/publish` },
  { method: 'POST', path: `/api/journeys/${journeyId}/rollback` },
  { method: 'POST', path: `/api/journeys/${journeyId}/enroll` },
  { method: 'POST', path: `/api/journeys/${journeyId}/pause` },
  { method: 'POST', path: '/api/segments' },
  { method: 'PUT', path: `/api/segments/${segmentId}` },
  { method: 'PUT', path: '/api/channel-settings/email' },
];
const adminBody = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(undefined, '', '   ', '{', 'not json', 'name=x&kind=write', 'null', '[]', '42') },
  {
    weight: 5,
    arbitrary: fc
      .dictionary(
        fc.constantFrom('name', 'email', 'password', 'kind', 'timezone', 'currency', 'description', 'graph', 'revision', 'note', 'version', 'customerId', 'properties', 'rule', 'frequencyCap', 'quietHours', 'config'),
        hostile,
        { maxKeys: 4 },
      )
      .map((o) => JSON.stringify(o)),
  },
);
const auth = fc.constantFrom('bearer', 'bearer', 'bearer', 'cookie', 'cookie-other-port', 'none');
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded');
/** Reads with hostile query strings: raw bytes of a lone surrogate in UTF-8, extreme numbers. */
const hostileRead = fc.constantFrom(
  '/api/customers?q=%ED%A0%80',
  '/api/customers?q=%uD800',
  '/api/customers?q=known',
  '/api/events?from=1e20',
  '/api/events?to=-1',
  '/api/events?from=99999999999999999999',
  '/api/events?limit=0',
  '/api/customers?cursor=%00',
);

type ErrorJson = { error?: { code: string; message: string; details: unknown[] } };

async function expectSane(res: Response, before: string, what: string) {
  const text = await res.text();
  expect(res.status, `${what} → ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const json = JSON.parse(text) as ErrorJson;
    expect(json.error, `${what} → ${text.slice(0, 300)}`).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(await snapshot(), `${what} changed the database though refused`).toBe(before);
  }
  return res.status;
}

describe('hostile input, property-based', () => {
  it('ingestion: never a 5xx; a refusal changes nothing; what is stored stays readable', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(ingestion, async ({ route, text, type }) => {
        const body = expandDeep(text);
        const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` };
        if (type) headers['content-type'] = type;
        const before = await snapshot();
        const res = await fetch(`${api.url}/v1/${route}`, { method: 'POST', headers, body });
        const status = await expectSane(res, before, `${route} ${body.slice(0, 200)}`);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 4);
    // Everything accepted is a Date, and the workspace's customers can still be searched and merged.
    const range = await api.db.client.execute('SELECT min(timestamp) AS lo, max(timestamp) AS hi FROM events');
    for (const v of [range.rows[0]?.lo, range.rows[0]?.hi]) expect(() => new Date(Number(v)).toISOString()).not.toThrow();
    // The generators never produce U+FFFD: finding one means a lone surrogate was stored as it.
    const replaced = await api.db.client.execute(
      `SELECT (SELECT count(*) FROM customer_identities WHERE instr(value, char(65533)) > 0) +
              (SELECT count(*) FROM events WHERE instr(coalesce(user_id, '') || coalesce(anonymous_id, '') || coalesce(name, '') || message_id, char(65533)) > 0) AS n`,
    );
    expect(Number(replaced.rows[0]?.n)).toBe(0);
    expect((await api.admin('/api/customers?q=prop')).status).toBe(200);
    expect((await api.post('/v1/identify', { userId: 'prop-user', traits: { after: true } })).status).toBe(200);
  });

  it('admin: never a 5xx; a refusal changes nothing; cookie writes from another port are 403', async () => {
    const ops = adminOps();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), adminBody, contentType, auth, hostileRead, async (op, rawBody, type, who, read) => {
        const body = rawBody === undefined ? undefined : expandDeep(rawBody);
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (who === 'bearer') headers.authorization = `Bearer ${ADMIN_TOKEN}`;
        if (who.startsWith('cookie')) headers.cookie = cookie;
        if (who === 'cookie-other-port') Object.assign(headers, { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' });
        const before = await snapshot();
        const res = await fetch(`${api.url}${op.path}`, { method: op.method, headers, body });
        const status = await expectSane(res, before, `${op.method} ${op.path} ${who} ${type} ${String(body).slice(0, 200)}`);
        if (who === 'cookie-other-port' && op.path !== '/api/auth/login') expect(status).toBe(403);
        const readBefore = await snapshot();
        await expectSane(await fetch(`${api.url}${read}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }), readBefore, read);
      }),
      { numRuns: RUNS },
    );
  });
});
