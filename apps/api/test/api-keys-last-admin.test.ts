// Revoking admin tokens never leaves a workspace without a way in (another admin token, or an
// owner / admin user who can log in and create one): the last one answers 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const as = (token: string) => (path: string, init: RequestInit = {}) => api.admin(path, { ...init, token });

/** A workspace made through the API: one admin token, one write key, no users. */
async function bareWorkspace(name: string): Promise<string> {
  const res = await api.admin('/api/workspaces', { method: 'POST', body: JSON.stringify({ name }) });
  return ((await res.json()) as { adminToken: string }).adminToken;
}

async function adminKeyIds(token: string): Promise<string[]> {
  const { apiKeys } = (await (await as(token)('/api/api-keys')).json()) as { apiKeys: Array<{ id: string; kind: string; revokedAt: number | null }> };
  return apiKeys.filter((k) => k.kind === 'admin' && k.revokedAt === null).map((k) => k.id);
}

describe('last admin credential', () => {
  it('refuses to revoke the only admin token of a workspace without admin users (409), and it keeps working', async () => {
    const token = await bareWorkspace('Locked-out risk');
    const [only] = await adminKeyIds(token);
    const res = await as(token)(`/api/api-keys/${only}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: Array<{ field: string }> } };
    expect(body.error.code).toBe('last_admin_credential');
    expect(body.error.details[0]?.field).toBe('id');
    expect((await as(token)('/api/workspaces/current')).status).toBe(200);
  });

  it('allows it once another admin token exists, then refuses the new last one', async () => {
    const token = await bareWorkspace('Rotation');
    const [first] = await adminKeyIds(token);
    const created = (await (await as(token)('/api/api-keys', { method: 'POST', body: JSON.stringify({ kind: 'admin', name: 'rotated' }) })).json()) as {
      secret: string;
      apiKey: { id: string };
    };
    expect((await as(token)(`/api/api-keys/${first}`, { method: 'DELETE' })).status).toBe(200);
    expect((await as(created.secret)(`/api/api-keys/${created.apiKey.id}`, { method: 'DELETE' })).status).toBe(409);
    // Revoking an already revoked key is still a no-op 200, and write keys are never "admin".
    expect((await as(created.secret)(`/api/api-keys/${first}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('lets only one of two concurrent revokes of the last two tokens through', async () => {
    const token = await bareWorkspace('Race');
    const second = (await (await as(token)('/api/api-keys', { method: 'POST', body: JSON.stringify({ kind: 'admin' }) })).json()) as { apiKey: { id: string } };
    const ids = await adminKeyIds(token);
    expect(ids).toContain(second.apiKey.id);
    const statuses = await Promise.all(ids.map((id) => as(token)(`/api/api-keys/${id}`, { method: 'DELETE' }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it('counts an owner who can log in as a way in: the bootstrap workspace may revoke its only token', async () => {
    const ids = await adminKeyIds('bat_test_admin_token');
    expect(ids).toHaveLength(1);
    expect((await api.admin(`/api/api-keys/${ids[0]}`, { method: 'DELETE' })).status).toBe(200);
  });
});
