// Corrections to the generated OpenAPI document, so that every response the API gives validates
// against it. The generator writes a nullable schema as `oneOf: [schema, {type: 'null'}]`; when
// the schema admits null itself (JsonValue, Json), a null matches both branches and `oneOf`
// rejects it: every segment whose rule compares with a list containing null failed to validate.
// `anyOf` accepts exactly the same values otherwise, so it replaces `oneOf` wherever one branch
// is null.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullSchema = (v: unknown) => isRecord(v) && v.type === 'null' && Object.keys(v).length === 1;

/** Rewrites `document` in place (bounded by the document's own shape: no cycles in JSON). */
export function unambiguousNullables<T>(document: T): T {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    const oneOf = node.oneOf;
    if (Array.isArray(oneOf) && oneOf.some(isNullSchema) && node.anyOf === undefined) {
      node.anyOf = oneOf;
      delete node.oneOf;
    }
    stack.push(...Object.values(node));
  }
  return document;
}

// Every operation gets an operationId, so generated clients have method names: the route's own
// when it declares one, else one derived from the method and path (`GET /api/journeys` →
// `listJourneys`, `POST /api/journeys/{id}/publish` → `publishJourney`). Derived from the path,
// an id only changes when the path does; the few paths the rule words badly are named here.
const NAMED: Record<string, string> = {
  'POST /api/auth/login': 'logIn',
  'POST /api/auth/logout': 'logOut',
  'GET /api/auth/me': 'getMe',
  'GET /api/workspaces/current': 'getCurrentWorkspace',
  'PATCH /api/workspaces/current': 'updateCurrentWorkspace',
  'PUT /api/journeys/{id}/draft': 'saveJourneyDraft',
  'POST /api/journeys/{id}/enroll': 'enrollCustomer',
  'GET /api/journeys/{id}/stats': 'getJourneyStats',
  'GET /api/journeys/{id}/customers/{customerId}/trace': 'getCustomerTrace',
  'GET /api/outbox': 'listOutboxMessages',
  'GET /api/reports/journeys': 'listJourneyReports',
  'GET /api/reports/journeys/{id}': 'getJourneyReport',
  'GET /api/reports/journeys/{id}/export': 'exportJourneyReport',
  'GET /api/reports/engagement': 'getEngagementReport',
  'GET /api/reports/engagement/export': 'exportEngagementReport',
  'GET /api/journey-files/{key}': 'exportJourneyFile',
  'PUT /api/journey-files/{key}': 'pushJourneyFile',
  'GET /api/schemas/journey-graph.json': 'getJourneyGraphSchema',
  'GET /api/schemas/journey-file.json': 'getJourneyFileSchema',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const pascal = (segment: string) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const isPlural = (segment: string) => /[^s]s$/.test(segment);
function singular(segment: string): string {
  if (segment.endsWith('ies')) return `${segment.slice(0, -3)}y`;
  return isPlural(segment) ? segment.slice(0, -1) : segment;
}

/** `listJourneys`, `getJourneyVersion`, `publishJourney` ... from a method and a path. */
export function deriveOperationId(method: string, path: string): string {
  const named = NAMED[`${method.toUpperCase()} ${path}`];
  if (named) return named;
  const [root, ...segments] = path.split('/').filter(Boolean);
  const endsWithParam = segments.at(-1)?.startsWith('{') ?? false;
  const names = segments.filter((s) => !s.startsWith('{'));
  if (root === 'v1') return `ingest${names.map(pascal).join('')}`;
  const last = names.at(-1) ?? '';
  const before = names.slice(0, -1).map((s) => pascal(singular(s))).join('');
  const m = method.toLowerCase();
  if (endsWithParam) {
    const verb = m === 'get' ? 'get' : m === 'delete' ? 'delete' : 'update';
    return `${verb}${before}${pascal(singular(last))}`;
  }
  if (m === 'get') return `${isPlural(last) ? 'list' : 'get'}${before}${pascal(last)}`;
  if (m === 'post' && isPlural(last)) return `create${before}${pascal(singular(last))}`;
  // POST /journeys/{id}/publish: the last word is the action.
  if (m === 'post') return `${last.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}${before}`;
  return `${m === 'delete' ? 'delete' : 'update'}${before}${pascal(last)}`;
}

/** Sets each operation's operationId (in place): its own, or the derived one. */
export function withOperationIds<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, { operationId?: string } | undefined>> }).paths ?? {};
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op && !op.operationId) op.operationId = deriveOperationId(method, path);
    }
  }
  return document;
}
