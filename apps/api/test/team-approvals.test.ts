// Users, roles, approvals and the audit log over real HTTP against a real libSQL file: invite →
// accept → log in; a viewer and a marketer get 403 where only owners and admins may act; a
// marketer's request is approved (publishing exactly the requested revision) or refused when
// the draft changed since (409 naming it); every step lands in the audit log.
import { enrollments, newId } from '@braid/db';
import { welcomeSeries } from '@braid/journey/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(() => api.stop());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Caller = { cookie?: string };
async function call(method: string, path: string, body?: unknown, as: Caller = {}): Promise<{ status: number; json: Json; headers: Headers }> {
  const init: RequestInit & { token?: string } = { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  if (as.cookie) {
    init.token = '';
    init.headers = { cookie: as.cookie };
  }
  const res = await api.admin(path, init);
  return { status: res.status, json: (await res.json()) as Json, headers: res.headers };
}
const sessionOf = (headers: Headers): string => headers.get('set-cookie')!.split(';')[0]!;

/** Invites `email` as `role` through the API and accepts the link: the new user's session. */
async function join(email: string, role: string, by: Caller = {}): Promise<Caller & { id: string }> {
  const invited = await call('POST', '/api/users/invitations', { email, role }, by);
  expect(invited.status).toBe(201);
  const token = decodeURIComponent(String(invited.json.link).split('#/invite/')[1]!);
  const accepted = await call('POST', `/api/auth/invitations/${encodeURIComponent(token)}/accept`, { name: email.split('@')[0], password: 'long enough pw' }, { cookie: 'none=1' });
  expect(accepted.status).toBe(201);
  return { cookie: sessionOf(accepted.headers), id: accepted.json.id as string };
}

let marketer: Caller & { id: string };
let viewer: Caller & { id: string };

describe('invite → accept → log in', () => {
  it('an invitation link makes a user who can log in; the link works once', async () => {
    const invited = await call('POST', '/api/users/invitations', { email: 'Lan@HoaBan.vn', role: 'marketer' });
    expect(invited.status).toBe(201);
    expect(invited.json.invitation).toMatchObject({ email: 'lan@hoaban.vn', role: 'marketer', state: 'pending' });
    const token = decodeURIComponent(String(invited.json.link).split('#/invite/')[1]!);
    const shown = await call('GET', `/api/auth/invitations/${token}`, undefined, { cookie: 'none=1' });
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ email: 'lan@hoaban.vn', role: 'marketer' });

    const short = await call('POST', `/api/auth/invitations/${token}/accept`, { password: 'short' }, { cookie: 'none=1' });
    expect(short.status).toBe(400);
    expect(short.json.error.details[0].field).toBe('password');

    const accepted = await call('POST', `/api/auth/invitations/${token}/accept`, { name: 'Lan', password: 'mật khẩu dài' }, { cookie: 'none=1' });
    expect(accepted.status).toBe(201);
    const me = await call('GET', '/api/auth/me', undefined, { cookie: sessionOf(accepted.headers) });
    expect(me.json).toMatchObject({ kind: 'user', email: 'lan@hoaban.vn', role: 'marketer' });
    marketer = { cookie: sessionOf(accepted.headers), id: accepted.json.id };

    const again = await call('POST', `/api/auth/invitations/${token}/accept`, { password: 'another password' }, { cookie: 'none=1' });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('invitation_used');

    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lan@hoaban.vn', password: 'mật khẩu dài' }) });
    expect(login.status).toBe(200);

    const unknown = await call('GET', '/api/auth/invitations/biv_nope', undefined, { cookie: 'none=1' });
    expect(unknown.status).toBe(404);
    const taken = await call('POST', '/api/users/invitations', { email: 'lan@hoaban.vn', role: 'viewer' });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'email_taken', details: [{ field: 'email' }] });
    const bad = await call('POST', '/api/users/invitations', { email: 'not an email', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: Json) => d.field).sort()).toEqual(['email', 'role']);
  });

  it('a revoked invitation stops working', async () => {
    const invited = await call('POST', '/api/users/invitations', { email: 'gone@hoaban.vn', role: 'viewer' });
    const token = decodeURIComponent(String(invited.json.link).split('#/invite/')[1]!);
    expect((await call('DELETE', `/api/users/invitations/${invited.json.invitation.id}`)).status).toBe(200);
    const res = await call('POST', `/api/auth/invitations/${token}/accept`, { password: 'long enough pw' }, { cookie: 'none=1' });
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe('invitation_revoked');
  });
});

describe('roles', () => {
  it('a viewer and a marketer cannot invite, change roles, approve or create keys (403); an admin can', async () => {
    viewer = await join('xem@hoaban.vn', 'viewer');
    for (const who of [viewer, marketer]) {
      expect((await call('POST', '/api/users/invitations', { email: 'x@hoaban.vn', role: 'viewer' }, who)).status).toBe(403);
      expect((await call('PATCH', `/api/users/${viewer.id}`, { role: 'admin' }, who)).status).toBe(403);
      expect((await call('DELETE', `/api/users/${viewer.id}`, undefined, who)).status).toBe(403);
      expect((await call('POST', '/api/api-keys', { kind: 'admin' }, who)).status).toBe(403);
      expect((await call('PATCH', '/api/workspaces/current', { publishNeedsApproval: false }, who)).status).toBe(403);
    }
    // Everyone can see who is in the workspace.
    const listed = await call('GET', '/api/users', undefined, viewer);
    expect(listed.status).toBe(200);
    expect(listed.json.users.map((u: Json) => u.email)).toEqual(expect.arrayContaining([ADMIN_EMAIL, 'lan@hoaban.vn', 'xem@hoaban.vn']));

    const admin = await join('quanly@hoaban.vn', 'admin');
    // An admin cannot make an owner; an owner can.
    const promote = await call('PATCH', `/api/users/${viewer.id}`, { role: 'owner' }, admin);
    expect(promote.status).toBe(403);
    expect(promote.json.error.details[0].field).toBe('role');
    const changed = await call('PATCH', `/api/users/${viewer.id}`, { role: 'marketer' }, admin);
    expect(changed.status).toBe(200);
    expect(changed.json.role).toBe('marketer');
    expect((await call('PATCH', `/api/users/${viewer.id}`, { role: 'viewer' }, admin)).status).toBe(200);
    const badRole = await call('PATCH', `/api/users/${viewer.id}`, { role: 'god' }, admin);
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.details[0].field).toBe('role');

    const removed = await call('DELETE', `/api/users/${admin.id}`);
    expect(removed.status).toBe(200);
    // The removed admin's session ends at once.
    expect((await call('GET', '/api/auth/me', undefined, admin)).status).toBe(401);
  });

  it('the last owner or admin cannot be demoted or removed (409)', async () => {
    const owner = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
    const ownerId = ((await owner.json()) as Json).id as string;
    const self = { cookie: sessionOf(owner.headers) };
    // An admin token may not touch an owner at all; the owner may, but not the last one.
    expect((await call('PATCH', `/api/users/${ownerId}`, { role: 'marketer' })).status).toBe(403);
    const demote = await call('PATCH', `/api/users/${ownerId}`, { role: 'marketer' }, self);
    expect(demote.status).toBe(409);
    expect(demote.json.error).toMatchObject({ code: 'last_admin', details: [{ field: 'role' }] });
    expect((await call('DELETE', `/api/users/${ownerId}`, undefined, self)).json.error.code).toBe('last_admin');
  });

  it('a workspace created through the API gets its first owner (invited, or with a password)', async () => {
    const invited = await call('POST', '/api/workspaces', { name: 'Chi nhánh 2', owner: { email: 'chu2@hoaban.vn' } });
    expect(invited.status).toBe(201);
    const token = decodeURIComponent(String(invited.json.owner.invitationLink).split('#/invite/')[1]!);
    const accepted = await call('POST', `/api/auth/invitations/${token}/accept`, { password: 'long enough pw' }, { cookie: 'none=1' });
    expect(accepted.json).toMatchObject({ role: 'owner', workspaceId: invited.json.workspace.id });

    const direct = await call('POST', '/api/workspaces', { name: 'Chi nhánh 3', owner: { email: 'chu3@hoaban.vn', password: 'long enough pw' } });
    expect(direct.status).toBe(201);
    expect(direct.json.owner.userId).toEqual(expect.any(String));
    const clash = await call('POST', '/api/workspaces', { name: 'Chi nhánh 4', owner: { email: 'chu3@hoaban.vn', password: 'long enough pw' } });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('email_taken');
    const names = (await api.db.client.execute("SELECT count(*) AS n FROM workspaces WHERE name = 'Chi nhánh 4'")).rows[0]!.n;
    expect(Number(names)).toBe(0);
  });
});

describe('publishing needs approval', () => {
  let journeyId = '';
  it('a marketer cannot publish directly; requests; the admin approves exactly that revision', async () => {
    expect((await call('PATCH', '/api/workspaces/current', { publishNeedsApproval: true })).json.publishNeedsApproval).toBe(true);
    const created = await call('POST', '/api/journeys', { name: 'Chào mừng', graph: welcomeSeries }, marketer);
    expect(created.status).toBe(201);
    journeyId = created.json.id;

    const direct = await call('POST', `/api/journeys/${journeyId}/publish`, { note: 'go' }, marketer);
    expect(direct.status).toBe(403);
    expect(direct.json.error.code).toBe('approval_required');
    expect((await call('POST', `/api/journeys/${journeyId}/publish-requests`, { revision: 1, note: 'x' }, viewer)).status).toBe(403);

    const requested = await call('POST', `/api/journeys/${journeyId}/publish-requests`, { revision: created.json.draftRevision, note: 'Ra mắt' }, marketer);
    expect(requested.status).toBe(201);
    expect(requested.json).toMatchObject({ status: 'pending', revision: created.json.draftRevision, note: 'Ra mắt', requestedByName: 'lan <lan@hoaban.vn>'.replace('lan <', 'Lan <') });

    const byMarketer = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/approve`, {}, marketer);
    expect(byMarketer.status).toBe(403);
    const pending = await call('GET', '/api/publish-requests');
    expect(pending.json.requests.map((r: Json) => r.id)).toContain(requested.json.id);

    const approved = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/approve`, { comment: 'OK' });
    expect(approved.status).toBe(200);
    expect(approved.json.request).toMatchObject({ status: 'approved', version: 1, comment: 'OK' });
    expect(approved.json.published).toMatchObject({ version: 1, journey: { activeVersion: 1 } });
    const again = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('not_pending');
  });

  it('an approval for a draft that changed after the request is refused (409 naming the revision); rejection needs a reason', async () => {
    const journey = await call('GET', `/api/journeys/${journeyId}`, undefined, marketer);
    const graph = structuredClone(welcomeSeries);
    graph.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: 4, unit: 'days' } };
    const saved = await call('PUT', `/api/journeys/${journeyId}/draft`, { revision: journey.json.draftRevision, graph }, marketer);
    const requested = await call('POST', `/api/journeys/${journeyId}/publish-requests`, { revision: saved.json.draftRevision, note: '4 ngày' }, marketer);
    expect(requested.status).toBe(201);
    const graph2 = structuredClone(graph);
    graph2.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: 6, unit: 'days' } };
    await call('PUT', `/api/journeys/${journeyId}/draft`, { revision: saved.json.draftRevision, graph: graph2 }, marketer);

    const stale = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_request', details: [{ field: 'revision' }] });
    expect((await call('GET', `/api/journeys/${journeyId}`)).json.activeVersion).toBe(1);

    const noReason = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/reject`, { comment: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details[0].field).toBe('comment');
    const rejected = await call('POST', `/api/journeys/${journeyId}/publish-requests/${requested.json.id}/reject`, { comment: 'Đã đổi sau khi yêu cầu' });
    expect(rejected.json).toMatchObject({ status: 'rejected', comment: 'Đã đổi sau khi yêu cầu' });
    const stateless = await call('POST', `/api/journeys/${journeyId}/publish-requests`, { revision: 1 }, marketer);
    expect(stateless.status).toBe(409);
    expect(stateless.json.error.details[0].field).toBe('revision');
  });

  it('the audit log records requests, decisions, publishes, role changes, invitations and keys, filterable by journey', async () => {
    await call('POST', `/api/journeys/${journeyId}/pause`);
    const key = await call('POST', '/api/api-keys', { kind: 'write', name: 'POS' });
    await call('DELETE', `/api/api-keys/${key.json.apiKey.id}`);
    const byJourney = await call('GET', `/api/audit?journeyId=${journeyId}`, undefined, viewer);
    expect(byJourney.status).toBe(200);
    expect(byJourney.json.entries.map((e: Json) => e.action)).toEqual([
      'journey.paused',
      'publish.rejected',
      'publish.requested',
      'journey.published',
      'publish.approved',
      'publish.requested',
    ]);
    const approved = byJourney.json.entries.find((e: Json) => e.action === 'publish.approved');
    expect(approved).toMatchObject({ actorLabel: expect.stringContaining('API key'), journeyName: 'Chào mừng', details: { version: 1 } });
    const all = (await call('GET', '/api/audit?limit=500')).json.entries.map((e: Json) => e.action);
    for (const action of ['user.invited', 'user.joined', 'user.role_changed', 'user.removed', 'invitation.revoked', 'api_key.created', 'api_key.revoked', 'workspace.updated', 'workspace.created']) {
      expect(all, action).toContain(action);
    }
    const bad = await call('GET', '/api/audit?action=journey.exploded');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('action');
  });
});

describe('journey housekeeping', () => {
  it('rename, dates, duplicate, search (with or without diacritics), delete', async () => {
    const created = await call('POST', '/api/journeys', { name: 'Sinh nhật khách', graph: welcomeSeries });
    const id = created.json.id as string;
    const renamed = await call('PATCH', `/api/journeys/${id}`, { name: 'Đơn hàng đầu tiên', startsAt: 1_700_000_000_000, endsAt: 1_800_000_000_000 });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Đơn hàng đầu tiên', startsAt: 1_700_000_000_000, endsAt: 1_800_000_000_000, draftRevision: created.json.draftRevision });
    const backwards = await call('PATCH', `/api/journeys/${id}`, { endsAt: 1_600_000_000_000 });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.details[0].field).toBe('endsAt');
    const emptyName = await call('PATCH', `/api/journeys/${id}`, { name: '  ' });
    expect(emptyName.json.error.details[0].field).toBe('name');

    const copy = await call('POST', `/api/journeys/${id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ name: 'Đơn hàng đầu tiên (copy)', status: 'draft', activeVersion: null });
    expect(copy.json.draftGraph).toEqual(renamed.json.draftGraph);

    const found = await call('GET', '/api/journeys?q=don hang');
    expect(found.json.journeys.map((j: Json) => j.name).sort()).toEqual(['Đơn hàng đầu tiên', 'Đơn hàng đầu tiên (copy)']);

    expect((await call('DELETE', `/api/journeys/${copy.json.id}`, undefined, viewer)).status).toBe(403);
    const deleted = await call('DELETE', `/api/journeys/${copy.json.id}`);
    expect(deleted.status).toBe(200);
    expect((await call('GET', `/api/journeys/${copy.json.id}`)).status).toBe(404);
    expect((await call('GET', `/api/audit?journeyId=${copy.json.id}`)).json.entries.map((e: Json) => e.action)).toEqual(['journey.deleted', 'journey.duplicated']);
  });

  it('a journey with customers inside cannot be deleted: 409 with the count, nothing deleted', async () => {
    const created = await call('POST', '/api/journeys', { name: 'Có khách', graph: welcomeSeries });
    const id = created.json.id as string;
    expect((await call('POST', `/api/journeys/${id}/publish`, {})).status).toBe(201);
    // Two customers waiting inside, as the runtime records them.
    for (const customerId of ['c1', 'c2']) {
      await api.db.db.insert(enrollments).values({ id: newId(), workspaceId: created.json.workspaceId ?? (await workspaceId()), journeyId: id, version: 1, customerId, workflowId: `journey:${id}:customer:${customerId}`, status: 'active', currentNode: 'wait-2-days', enteredAt: Date.now() });
    }
    const refused = await call('DELETE', `/api/journeys/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'customers_inside', details: [{ field: 'id', message: '2 active' }] });
    expect(refused.json.error.message).toContain('2 customers');
    expect((await call('GET', `/api/journeys/${id}/versions`)).json.versions).toHaveLength(1);
  });
});

async function workspaceId(): Promise<string> {
  return (await call('GET', '/api/workspaces/current')).json.id as string;
}
