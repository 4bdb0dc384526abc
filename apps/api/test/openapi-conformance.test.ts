// Every response of every route, recorded over real HTTP against a real database, validates
// against the schema /api/openapi.json publishes for its path, method and status (JSON Schema
// 2020-12, as OpenAPI 3.1 uses); a status the document does not list for the route fails too.
// And every documented operation is exercised with at least one 2xx.
import { welcomeSeries } from '@braid/journey/fixtures';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { createHmac } from 'node:crypto';
import { newId, staffTasks } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, validate } from '@braid/journey';
import { loadInstalledNodeTypes } from '@braid/nodes/server';
import { triggerKeyOf } from '@braid/temporal';
import { registerJourneyRoutes } from '../src/journeys';
import { nodeTypeRoutes } from '../src/node-types/routes';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN, startTestApi, type TestApi } from './helpers';

type Schema = Record<string, unknown>;
interface Operation {
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
}

let api: TestApi;
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();
const problems: string[] = [];
const covered = new Set<string>();
const statuses = new Set<number>();

beforeAll(async () => {
  const { registry } = await loadInstalledNodeTypes();
  api = await startTestApi((db) => ({
    // The real journeys routes, validator and compiler; enrolment (Temporal) is stood in for.
    registerRoutes: (admin) => {
      admin.route('/node-types', nodeTypeRoutes({ registry: async () => registry }));
      registerJourneyRoutes(admin, {
        db,
        validateGraph: (graph) => validate(graph, registry),
        compileGraph: (graph, meta) => {
          const result = compile(graph, registry, meta);
          if (!result.ok) throw new Error('compile refused a validated graph');
          return result.ir;
        },
        triggerKeyOf,
        enroll: async () => ({ enrolled: true, enrollmentId: 'enr_test' }),
      });
    },
  }));
  doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as Doc;
  // The components once; each response schema points into them by this id.
  ajv.addSchema({ $id: 'braid', components: doc.components });
});
afterAll(() => api.stop());

function validatorFor(key: string, schema: Schema): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    const text = JSON.stringify(schema).replaceAll('"$ref":"#/components/', '"$ref":"braid#/components/');
    v = ajv.compile(JSON.parse(text) as Schema);
    validators.set(key, v);
  }
  return v;
}

interface CallOptions {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  writeKey?: string;
  /** Sent as is, with the Content-Type given in `headers`. */
  raw?: string;
}

/**
 * Calls `method template` (path parameters filled from `params`) and checks the answer against
 * the document. Returns the parsed JSON body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the schema; the test only reads ids from them
async function call(method: string, template: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<{ status: number; json: any }> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
  const query = params.$query ? `?${params.$query}` : '';
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.writeKey) headers.authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await fetch(`${api.url}${path}${query}`, { method, headers, body });
  const text = await res.text();
  const where = `${method} ${template} → ${res.status}`;
  statuses.add(res.status);
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) {
    problems.push(`${where}: not in the document`);
    return { status: res.status, json: null };
  }
  const response = op.responses[String(res.status)];
  if (!response) {
    problems.push(`${where}: status not documented (${text.slice(0, 200)})`);
    return { status: res.status, json: null };
  }
  const schema = response.content?.['application/json']?.schema;
  // CSV exports are text; their documented schema is a string.
  const json: unknown = !text ? null : (res.headers.get('content-type') ?? '').startsWith('text/csv') ? text : JSON.parse(text);
  if (schema) {
    const validate = validatorFor(`${method} ${template} ${res.status}`, schema);
    if (!validate(json)) problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`);
  }
  if (res.status < 300) covered.add(`${method} ${template}`);
  return { status: res.status, json };
}

const rule = {
  match: 'any',
  conditions: [
    { kind: 'trait', filter: { path: 'plan', op: 'in', value: ['pro', null, 3, { nested: [null] }] } },
    { kind: 'trait', filter: { path: 'city', op: 'equals', value: 'Hà Nội' } },
    { kind: 'trait', filter: { path: 'vip', op: 'exists' } },
    { kind: 'eventCount', event: 'Viewed', where: [{ path: 'price', op: 'greaterThan', value: 0 }], op: 'greaterOrEqual', count: 2, windowMs: 86_400_000 },
    { kind: 'eventCount', event: 'Bought', op: 'lessThan', count: 1, windowMs: 3_600_000 },
  ],
};

describe('OpenAPI conformance of recorded responses', () => {
  it('every response matches its documented schema', async () => {
    // Ingestion first, so customers, events and traits exist (nulls and arrays included).
    const writeKey = 'bwk_test_write_key';
    const traits = { email: 'lan@example.com', phone: '0909908089', plan: 'pro', tags: ['a', null], nested: { x: null, list: [1, [2, null]] } };
    await call('POST', '/v1/identify', {}, { token: null, writeKey, body: { userId: 'lan', traits } });
    for (const [type, extra] of [
      ['track', { event: 'Viewed', properties: { price: 10, tags: [null] } }],
      ['page', { name: 'Home' }],
      ['screen', { name: 'Cart' }],
      ['group', { groupId: 'g1', traits: { size: 3 } }],
      ['alias', { previousId: 'anon-1' }],
    ] as const) {
      await call('POST', `/v1/${type}`, {}, { token: null, writeKey, body: { userId: 'lan', ...extra } });
    }
    await call('POST', '/v1/batch', {}, { token: null, writeKey, body: { batch: [{ type: 'track', userId: 'lan', event: 'Viewed', properties: { price: 5 } }] } });
    await call('POST', '/v1/track', {}, { token: null, writeKey, body: { userId: 'lan' } });
    await call('POST', '/v1/track', {}, { token: null, body: { userId: 'lan', event: 'x' } });

    // Auth.
    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    await call('POST', '/api/auth/login', {}, { token: null, body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    await call('POST', '/api/auth/login', {}, { token: null, body: { email: ADMIN_EMAIL, password: 'wrong' } });
    await call('POST', '/api/auth/login', {}, { token: null, body: {} });
    await call('GET', '/api/auth/me');
    await call('GET', '/api/auth/me', {}, { token: null, headers: { cookie } });
    await call('GET', '/api/auth/me', {}, { token: 'bat_nope' });
    await call('PUT', '/api/auth/me/language', {}, { token: null, headers: { cookie }, body: { language: 'en' } });
    await call('PUT', '/api/auth/me/language', {}, { token: null, headers: { cookie }, body: { language: 'fr' } });

    // Workspaces and keys.
    await call('GET', '/api/workspaces');
    await call('GET', '/api/workspaces/current');
    await call('PATCH', '/api/workspaces/current', {}, { body: { name: 'Hoa Ban' } });
    await call('PATCH', '/api/workspaces/current', {}, { body: { timezone: 'Mars/Base' } });
    const other = await call('POST', '/api/workspaces', {}, { body: { name: 'Second' } });
    await call('POST', '/api/workspaces', {}, { body: {} });
    await call('GET', '/api/api-keys');
    const key = await call('POST', '/api/api-keys', {}, { body: { kind: 'write', name: 'ci' } });
    await call('POST', '/api/api-keys', {}, { body: { kind: 'root' } });
    await call('POST', '/api/api-keys', {}, { body: 'not an object' });
    await call('DELETE', '/api/api-keys/{id}', { id: key.json.apiKey.id });
    // Website settings: the origins the snippet may run on.
    await call('GET', '/api/website');
    await call('PUT', '/api/website', {}, { body: { allowedOrigins: ['https://hoabanfood.vn'] } });
    await call('PUT', '/api/website', {}, { body: { allowedOrigins: ['hoabanfood.vn/cart'] } });
    await call('GET', '/api/website/identity-verification');
    await call('PUT', '/api/website/identity-verification', {}, { body: { enabled: true } });
    await call('PUT', '/api/website/identity-verification', {}, { body: { enabled: 'yes' } });
    await call('POST', '/api/website/identity-verification/rotate');
    await call('PUT', '/api/website/identity-verification', {}, { body: { enabled: false } });
    // The keys open, click and unsubscribe links are signed with.
    await call('GET', '/api/tracking-keys');
    await call('POST', '/api/tracking-keys/rotate', {}, { body: { keepOldDays: 30 } });
    await call('POST', '/api/tracking-keys/rotate', {}, { body: { keepOldDays: -1 } });
    await call('DELETE', '/api/api-keys/{id}', { id: 'nope' });
    const theirs = other.json.adminToken as string;
    const theirKeys = await call('GET', '/api/api-keys', {}, { token: theirs });
    const theirAdmin = (theirKeys.json.apiKeys as Array<{ id: string; kind: string }>).find((k) => k.kind === 'admin')!;
    await call('DELETE', '/api/api-keys/{id}', { id: theirAdmin.id }, { token: theirs });

    // Customers and events.
    const customers = await call('GET', '/api/customers', { $query: 'q=lan' });
    await call('GET', '/api/customers', { $query: 'limit=0' });
    const customerId = customers.json.customers[0].id as string;
    await call('GET', '/api/customers/{id}', { id: customerId });
    await call('GET', '/api/customers/{id}', { id: 'nope' });
    await call('GET', '/api/customers/{id}/events', { id: customerId });
    // Subscription groups and a customer's consent.
    const group = await call('POST', '/api/subscription-groups', {}, { body: { name: 'Khuyến mãi', channel: 'email', description: 'Ưu đãi mỗi tuần' } });
    await call('POST', '/api/subscription-groups', {}, { body: { name: 'Khuyến mãi', channel: 'email' } });
    await call('POST', '/api/subscription-groups', {}, { body: { name: '', channel: 'fax' } });
    const groupId = group.json.id as string;
    await call('GET', '/api/subscription-groups');
    await call('GET', '/api/subscription-groups/{id}', { id: groupId });
    await call('GET', '/api/subscription-groups/{id}', { id: 'nope' });
    await call('PATCH', '/api/subscription-groups/{id}', { id: groupId }, { body: { mode: 'opt_in' } });
    await call('PUT', '/api/customers/{id}/subscriptions', { id: customerId }, { body: { groups: { [groupId]: 'subscribed' }, channels: { sms: 'unsubscribed' } } });
    await call('PUT', '/api/customers/{id}/subscriptions', { id: customerId }, { body: { groups: { nope: 'subscribed' } } });
    await call('PUT', '/api/customers/{id}/subscriptions', { id: 'nope' }, { body: { groups: { [groupId]: 'subscribed' } } });
    await call('GET', '/api/customers/{id}/subscriptions', { id: customerId });
    // Customer 360 and edits by hand (a second profile to merge and unmerge).
    await call('POST', '/v1/identify', {}, { token: null, writeKey, body: { anonymousId: 'zalo-lan', traits: { zaloId: 'z-lan' } } });
    const second = await call('GET', '/api/customers', { $query: 'q=z-lan' });
    const secondId = second.json.customers[0].id as string;
    await call('GET', '/api/customers/{id}/profile', { id: customerId });
    await call('GET', '/api/customers/{id}/profile', { id: 'nope' });
    await call('GET', '/api/customers/{id}/activity', { id: customerId, $query: 'limit=3' });
    await call('GET', '/api/customers/{id}/activity', { id: customerId, $query: 'cursor=bad' });
    await call('PATCH', '/api/customers/{id}/traits', { id: customerId }, { body: { traits: { city: 'Huế', plan: null } } });
    await call('PATCH', '/api/customers/{id}/traits', { id: customerId }, { body: { traits: { nested: { x: 1 } } } });
    await call('POST', '/api/customers/{id}/merge', { id: customerId }, { body: { profileId: secondId } });
    await call('POST', '/api/customers/{id}/merge', { id: customerId }, { body: { profileId: secondId } });
    await call('POST', '/api/customers/{id}/unmerge', { id: customerId }, { body: { profileId: secondId } });
    await call('POST', '/api/customers/{id}/unmerge', { id: customerId }, { body: { profileId: secondId } });
    const spare = await call('POST', '/api/subscription-groups', {}, { body: { name: 'Tạm', channel: 'zalo', mode: 'opt_in' } });
    await call('DELETE', '/api/subscription-groups/{id}', { id: spare.json.id as string });
    await call('GET', '/api/events', { $query: 'name=Viewed' });
    await call('GET', '/api/events', { $query: 'type=nonsense' });

    // Segments: lists with nulls, references, and both condition kinds.
    const segment = await call('POST', '/api/segments', {}, { body: { name: 'VIP', rule } });
    const segmentId = segment.json.id as string;
    await call('POST', '/api/segments', {}, { body: { name: 'Empty', rule: { conditions: [] } } });
    await call('GET', '/api/segments');
    await call('GET', '/api/segments/{id}', { id: segmentId });
    await call('GET', '/api/segments/{id}', { id: 'nope' });
    await call('PUT', '/api/segments/{id}', { id: segmentId }, { body: { name: 'VIP 2', rule } });
    await call('GET', '/api/segments/{id}/members', { id: segmentId });
    await call('GET', '/api/segments/{id}/changes', { id: segmentId });
    await call('GET', '/api/segments/{id}/journeys', { id: segmentId });
    await call('GET', '/api/segments/catalogue');
    await call('GET', '/api/event-catalogue');
    await call('GET', '/api/event-catalogue/events/{name}', { name: 'Viewed' });
    await call('GET', '/api/event-catalogue/events/{name}', { name: 'Never Sent' });
    await call('POST', '/api/segments/preview', {}, { body: { rule } });
    await call('POST', '/api/segments/preview', {}, { body: { rule: { conditions: [{ kind: 'segment', segmentId: 'nope' }] } } });

    // Channel settings, node types, outbox.
    await call('PUT', '/api/channel-settings/{channel}', { channel: 'email' }, { body: { frequencyCap: [{ max: 2, perHours: 24 }], quietHours: { start: '21:00', end: '08:00' }, config: { from: 'shop@example.com' } } });
    await call('PUT', '/api/channel-settings/{channel}', { channel: 'email' }, { body: { quietHours: { start: 'late' } } });
    await call('GET', '/api/channel-settings');
    // Provider accounts (sealed with the secrets key) and ZNS templates.
    process.env.BRAID_SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
    await call('PUT', '/api/channel-accounts/{kind}', { kind: 'webhook' }, { body: { config: {}, secrets: { signingSecret: 'whsec_0123456789abcdef' } } });
    await call('PUT', '/api/channel-accounts/{kind}', { kind: 'esms' }, { body: { config: { brandname: 'HOABANFOOD' }, secrets: {} } });
    await call('GET', '/api/channel-accounts');
    await call('POST', '/api/channel-accounts/{kind}/check', { kind: 'webhook' });
    await call('POST', '/api/channel-accounts/{kind}/test', { kind: 'webhook' }, { body: { to: 'https://127.0.0.1:9/hook' } });
    await call('DELETE', '/api/channel-accounts/{kind}', { kind: 'webhook' });
    await call('DELETE', '/api/channel-accounts/{kind}', { kind: 'webhook' });
    await call('PUT', '/api/zns-templates/{templateId}', { templateId: '248123' }, { body: { name: 'Xác nhận đơn', purpose: 'transaction', params: [{ name: 'order_code', maxLength: 10 }] } });
    await call('PUT', '/api/zns-templates/{templateId}', { templateId: 'abc' }, { body: { name: '', purpose: 'spam', params: [] } });
    await call('GET', '/api/zns-templates');
    await call('DELETE', '/api/zns-templates/{templateId}', { templateId: '248123' });
    // Message preview and test send (an SMTP account on a closed port: the refusal comes back as ok false), saved templates.
    const design = { blocks: [{ type: 'heading', text: 'Chào {{ customer.firstName }}' }, { type: 'button', text: 'Mua ngay', href: 'https://hoaban.vn' }], preheader: 'Ưu đãi' };
    await call('POST', '/api/messages/preview', {}, { body: { channel: 'email', subject: 'Xin chào', body: 'Chào bạn', email: design, customerId } });
    await call('POST', '/api/messages/preview', {}, { body: { channel: 'sms', body: 'Chào {{ customer.firstName }}', smsStripDiacritics: true } });
    await call('POST', '/api/messages/preview', {}, { body: { channel: 'email', customerId: 'nope' } });
    await call('POST', '/api/messages/preview', {}, { body: { channel: 'email', body: '{{ oops' } });
    await call('PUT', '/api/channel-accounts/{kind}', { kind: 'smtp' }, { body: { config: { host: '127.0.0.1', port: 9, from: 'Hoa Ban <shop@hoaban.vn>' }, secrets: {} } });
    await call('POST', '/api/messages/test', {}, { body: { channel: 'email', subject: 'Xin chào', body: 'Chào bạn', email: design, customerId, to: 'lan@example.com' } });
    await call('POST', '/api/messages/test', {}, { body: { channel: 'webhook', body: 'x', to: 'x@y.z' } });
    await call('DELETE', '/api/channel-accounts/{kind}', { kind: 'smtp' });
    const template = await call('POST', '/api/templates', {}, { body: { name: 'Chào mừng', channel: 'email', subject: 'Xin chào', body: 'Chào bạn', email: design } });
    await call('POST', '/api/templates', {}, { body: { name: '', channel: 'fax' } });
    await call('GET', '/api/templates', { $query: 'channel=email' });
    await call('GET', '/api/templates/{id}', { id: template.json.id as string });
    await call('GET', '/api/templates/{id}', { id: 'nope' });
    await call('PUT', '/api/templates/{id}', { id: template.json.id as string }, { body: { name: 'Chào mừng 2', channel: 'sms', body: 'Chào {{ customer.firstName }}', smsStripDiacritics: true } });
    await call('DELETE', '/api/templates/{id}', { id: template.json.id as string });
    await call('GET', '/api/node-types');
    await call('GET', '/api/outbox');

    // Journeys through their whole life.
    const created = await call('POST', '/api/journeys', {}, { body: { name: 'Welcome', graph: welcomeSeries } });
    const id = created.json.id as string;
    await call('POST', '/api/journeys', {}, { body: { name: '' } });
    await call('GET', '/api/journeys');
    await call('GET', '/api/journeys/{id}', { id });
    await call('GET', '/api/journeys/{id}', { id: 'nope' });
    await call('PUT', '/api/journeys/{id}/draft', { id }, { body: { revision: 1, graph: welcomeSeries, description: 'Hello' } });
    await call('PUT', '/api/journeys/{id}/draft', { id }, { body: { revision: 1, graph: welcomeSeries } });
    await call('POST', '/api/journeys/{id}/publish', { id }, { body: { note: 'first' } });
    await call('POST', '/api/journeys/{id}/publish', { id }, { body: { revision: 99 } });
    const broken = await call('POST', '/api/journeys', {}, { body: { name: 'Broken' } });
    await call('POST', '/api/journeys/{id}/publish', { id: broken.json.id }, { body: {} });
    await call('GET', '/api/journeys/{id}/versions', { id });
    await call('GET', '/api/journeys/{id}/versions/{version}', { id, version: '1' });
    await call('GET', '/api/journeys/{id}/versions/{version}', { id, version: '9' });
    await call('POST', '/api/journeys/{id}/rollback', { id }, { body: { version: 1 } });
    await call('POST', '/api/journeys/{id}/publish', { id }, { body: { activeVersion: 1 } });
    await call('POST', '/api/journeys/{id}/publish', { id }, { body: { activeVersion: 7 } });
    await call('GET', '/api/journeys/{id}/diff', { id, $query: 'from=1&to=draft' });
    await call('GET', '/api/journeys/{id}/diff', { id, $query: 'from=9' });
    await call('GET', '/api/journeys/{id}/diff', { id, $query: 'from=x' });
    await call('GET', '/api/journeys/{id}/migration-plan', { id });
    await call('GET', '/api/journeys/{id}/migrations', { id });
    await call('POST', '/api/journeys/{id}/publish', { id }, { body: { migration: { versions: [{ version: 1, action: 'move', steps: { nowhere: 'nowhere' } }] } } });
    await call('GET', '/api/journeys/{id}/in-flight', { id });
    await call('GET', '/api/journeys/{id}/publish-review', { id });
    await call('GET', '/api/journeys/{id}/publish-review', { id: broken.json.id });
    await call('POST', '/api/journeys/{id}/enroll', { id }, { body: { customerId, properties: { a: [1, null] } } });
    const manualGraph = {
      nodes: [
        { id: 'by-hand', type: 'trigger-manual', typeVersion: 1, config: { reentry: { mode: 'afterExit' }, entryLimit: null }, position: { x: 0, y: 0 } },
        { id: 'done', type: 'exit', typeVersion: 1, config: { reason: 'enrolled' }, position: { x: 300, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'by-hand', sourcePort: 'out', target: 'done' }],
    };
    const manual = await call('POST', '/api/journeys', {}, { body: { name: 'Manual', graph: manualGraph } });
    await call('POST', '/api/journeys/{id}/publish', { id: manual.json.id }, { body: {} });
    await call('POST', '/api/journeys/{id}/enroll', { id: manual.json.id }, { body: { customerId, properties: { a: [1, null], b: { c: null } } } });
    await call('POST', '/api/journeys/{id}/enroll', { id: manual.json.id }, { body: { customerId: 'nope' } });
    await call('GET', '/api/journeys/{id}/stats', { id });
    await call('GET', '/api/reports/journeys');
    await call('GET', '/api/reports/journeys/{id}', { id });
    await call('GET', '/api/reports/journeys/{id}', { id, $query: 'version=99' });
    await call('GET', '/api/reports/journeys/{id}/export', { id, $query: 'table=groups' });
    await call('GET', '/api/reports/journeys/{id}/export', { id, $query: 'table=everything' });
    await call('GET', '/api/reports/engagement', { $query: 'from=1' });
    await call('GET', '/api/reports/engagement');
    await call('GET', '/api/reports/engagement/export', { $query: 'table=hours' });
    await call('GET', '/api/journeys/{id}/nodes/{nodeId}/customers', { id, nodeId: 'welcome-email' });
    await call('GET', '/api/journeys/{id}/customers/{customerId}/trace', { id, customerId });
    await call('POST', '/api/journeys/{id}/pause', { id });
    await call('POST', '/api/journeys/{id}/pause', { id });
    await call('POST', '/api/journeys/{id}/resume', { id });
    await call('POST', '/api/journeys/{id}/archive', { id });

    // Journeys as code: the file formats, a journey pushed and exported by its key, the dry run.
    await call('GET', '/api/schemas/journey-graph.json', {}, { token: null });
    await call('GET', '/api/schemas/journey-file.json', {}, { token: null });
    await call('PUT', '/api/journey-files/{key}', { key: 'welcome-file' }, { body: { name: 'Welcome file', graph: welcomeSeries } });
    await call('PUT', '/api/journey-files/{key}', { key: 'welcome-file' }, { body: { name: 'Welcome file', description: 'as code', graph: welcomeSeries } });
    await call('PUT', '/api/journey-files/{key}', { key: 'welcome-file' }, { body: { name: 'Welcome file', graph: welcomeSeries, revision: 9 } });
    await call('PUT', '/api/journey-files/{key}', { key: 'welcome-file' }, { body: { name: 'Welcome file', graph: { nodes: [], edges: [{}] } } });
    await call('GET', '/api/journey-files/{key}', { key: 'welcome-file' });
    await call('GET', '/api/journey-files/{key}', { key: 'welcome-file', $query: 'version=3' });
    await call('GET', '/api/journey-files/{key}', { key: 'nope' });
    await call('POST', '/api/journey-files/validate', {}, { body: { key: 'welcome-file', name: 'Welcome file', graph: welcomeSeries } });
    await call('POST', '/api/journey-files/validate', {}, { body: { key: 'Not a key', graph: { nodes: 1 } } });

    // Housekeeping, publish requests, users and invitations, the audit log.
    const copy = await call('POST', '/api/journeys/{id}/duplicate', { id }, { body: { name: 'Welcome 2' } });
    const copyId = copy.json.id as string;
    await call('PATCH', '/api/journeys/{id}', { id: copyId }, { body: { name: 'Chào mừng', startsAt: 1_700_000_000_000, endsAt: null } });
    await call('PATCH', '/api/journeys/{id}', { id: copyId }, { body: { startsAt: 2_000_000_000_000, endsAt: 1_000 } });
    const asked = await call('POST', '/api/journeys/{id}/publish-requests', { id: copyId }, { body: { revision: copy.json.draftRevision, note: 'please' } });
    await call('POST', '/api/journeys/{id}/publish-requests', { id: copyId }, { body: { revision: 99 } });
    await call('GET', '/api/journeys/{id}/publish-requests', { id: copyId });
    await call('GET', '/api/publish-requests');
    await call('POST', '/api/journeys/{id}/publish-requests/{requestId}/approve', { id: copyId, requestId: asked.json.id }, { body: { comment: 'ok' } });
    const asked2 = await call('POST', '/api/journeys/{id}/publish-requests', { id: copyId }, { body: { revision: copy.json.draftRevision } });
    await call('POST', '/api/journeys/{id}/publish-requests/{requestId}/reject', { id: copyId, requestId: asked2.json.id }, { body: { comment: 'not now' } });
    await call('POST', '/api/journeys/{id}/publish-requests/{requestId}/reject', { id: copyId, requestId: asked2.json.id }, { body: { comment: 'again' } });
    const spareJourney = await call('POST', '/api/journeys', {}, { body: { name: 'Spare' } });
    await call('DELETE', '/api/journeys/{id}', { id: spareJourney.json.id });
    await call('DELETE', '/api/journeys/{id}', { id: 'nope' });
    await call('GET', '/api/users');
    const invited = await call('POST', '/api/users/invitations', {}, { body: { email: 'moi@hoaban.vn', role: 'viewer' } });
    await call('POST', '/api/users/invitations', {}, { body: { email: 'nope', role: 'viewer' } });
    await call('GET', '/api/users/invitations');
    const inviteToken = decodeURIComponent(String(invited.json.link).split('#/invite/')[1] ?? '');
    await call('GET', '/api/auth/invitations/{token}', { token: inviteToken }, { token: null });
    await call('GET', '/api/auth/invitations/{token}', { token: 'nope' }, { token: null });
    const joined = await call('POST', '/api/auth/invitations/{token}/accept', { token: inviteToken }, { token: null, body: { name: 'Mới', password: 'long enough pw' } });
    await call('POST', '/api/auth/invitations/{token}/accept', { token: inviteToken }, { token: null, body: { password: 'long enough pw' } });
    await call('PATCH', '/api/users/{id}', { id: joined.json.id }, { body: { role: 'marketer' } });
    await call('DELETE', '/api/users/{id}', { id: joined.json.id });
    const another = await call('POST', '/api/users/invitations', {}, { body: { email: 'khac@hoaban.vn', role: 'viewer' } });
    await call('DELETE', '/api/users/invitations/{id}', { id: another.json.invitation.id });
    await call('GET', '/api/audit', { $query: `journeyId=${copyId}` });
    await call('GET', '/api/audit', { $query: 'action=nope' });
    await call('DELETE', '/api/segments/{id}', { id: segmentId });

    // Commerce sources, their deliveries and the POS; the task inbox.
    const source = await call('POST', '/api/commerce-sources', {}, { body: { platform: 'shopify', name: 'Hoa Ban Shopify' } });
    await call('POST', '/api/commerce-sources', {}, { body: { platform: 'magento', name: '' } });
    await call('GET', '/api/commerce-sources');
    await call('PATCH', '/api/commerce-sources/{id}', { id: source.json.id }, { body: { name: 'Shopify (chính)' } });
    await call('PATCH', '/api/commerce-sources/{id}', { id: 'nope' }, { body: { name: 'x' } });
    await call('GET', '/api/commerce-sources/{id}/secret', { id: source.json.id });
    await call('GET', '/api/commerce-sources/{id}/deliveries', { id: source.json.id });
    await call('GET', '/api/commerce-sources/{id}/deliveries', { id: 'nope' });
    const orderBody = JSON.stringify({ id: 1001, email: 'lan@example.com', currency: 'VND', total_price: '250000', line_items: [{ title: 'Mắc Khén', quantity: 1, price: '250000' }] });
    const signed = (body: string) => ({ 'content-type': 'application/json', 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Webhook-Id': `d-${body.length}-${Math.random()}`, 'X-Shopify-Hmac-Sha256': createHmac('sha256', source.json.secret).update(body).digest('base64') });
    await call('POST', '/v1/commerce/{sourceId}', { sourceId: source.json.id }, { token: null, headers: signed(orderBody), raw: orderBody });
    await call('POST', '/v1/commerce/{sourceId}', { sourceId: source.json.id }, { token: null, headers: { ...signed(orderBody), 'X-Shopify-Hmac-Sha256': 'forged' }, raw: orderBody });
    await call('POST', '/v1/commerce/{sourceId}', { sourceId: source.json.id }, { token: null, headers: signed('{"id":null}'), raw: '{"id":null}' });
    await call('POST', '/v1/pos/orders', {}, { token: null, writeKey, body: { phone: '0909 908 089', store: 'Hàng Giấy', orderId: 'HG-1', products: [{ name: 'Mắc Khén', price: 250000 }] } });
    await call('POST', '/v1/pos/orders', {}, { token: null, writeKey, body: { phone: '12', store: 'Hàng Giấy', orderId: 'HG-2', products: [] } });
    await call('POST', '/v1/pos/orders', {}, { token: null, body: { phone: '0909 908 089' } });
    await call('DELETE', '/api/commerce-sources/{id}', { id: source.json.id });
    const taskAt = Date.now();
    await api.db.db.insert(staffTasks).values({ id: newId(taskAt), workspaceId: String((await api.db.client.execute({ sql: 'SELECT workspace_id FROM customers WHERE id = ?', args: [customerId] })).rows[0]!.workspace_id), customerId, kind: 'call', title: 'Gọi cho Lan', idempotencyKey: 'conformance-task', createdAt: taskAt });
    const tasks = await call('GET', '/api/staff-tasks', { $query: 'filter=open' });
    await call('GET', '/api/staff-tasks', { $query: 'filter=nope' });
    const taskId = tasks.json.tasks[0].id as string;
    await call('GET', '/api/staff-tasks/{id}', { id: taskId });
    await call('POST', '/api/staff-tasks/{id}/claim', { id: taskId }, { body: {} });
    await call('POST', '/api/staff-tasks/{id}/complete', { id: taskId }, { body: { outcome: 'maybe' } });
    await call('POST', '/api/staff-tasks/{id}/complete', { id: taskId }, { body: { outcome: 'reached', note: 'Đã gọi' } });
    await call('POST', '/api/staff-tasks/{id}/complete', { id: taskId }, { body: { outcome: 'reached' } });
    await call('POST', '/api/staff-tasks/{id}/claim', { id: 'nope' }, { body: {} });

    // Refusals shared by every route.
    await call('GET', '/api/journeys', {}, { token: null });
    await call('POST', '/api/journeys', {}, { token: null, headers: { cookie, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' } });
    await call('POST', '/api/segments', {}, { headers: { 'content-type': 'text/plain' }, raw: 'name=x' });
    await call('POST', '/api/journeys/{id}/pause', { id }, { headers: { 'content-type': 'text/plain' }, raw: 'pause' });

    await call('POST', '/api/auth/logout', {}, { token: null, headers: { cookie } });
    expect(problems).toEqual([]);
    // Success and every kind of refusal were recorded, not just the easy ones.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 404, 409, 415, 422]));
  });

  it('has no oneOf that a null could match twice (the JsonValue ambiguity)', () => {
    const ambiguous: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${path}/${i}`));
      else if (node && typeof node === 'object') {
        const oneOf = (node as { oneOf?: unknown[] }).oneOf;
        if (oneOf?.some((b) => JSON.stringify(b) === '{"type":"null"}')) ambiguous.push(path);
        for (const [k, v] of Object.entries(node)) visit(v, `${path}/${k}`);
      }
    };
    visit(doc, '#');
    expect(ambiguous).toEqual([]);
    const jsonValue = ajv.compile({ $ref: 'braid#/components/schemas/JsonValue' });
    for (const value of [null, [null], { a: [1, null, { b: null }] }, 'x', 3, true]) expect(jsonValue(value), JSON.stringify(value)).toBe(true);
  });

  it('exercises every documented operation with a 2xx', () => {
    const all = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(all.filter((op) => !covered.has(op))).toEqual([]);
  });
});
