import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapOptionsFromEnv } from '../src/bootstrap';
import { startApi } from '../src/server';

const dir = mkdtempSync(join(tmpdir(), 'braid-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const databaseUrl = `file:${join(dir, 'data', 'braid.db')}`;

async function track(url: string, writeKey: string) {
  return fetch(`${url}/v1/track`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'u', event: 'Hello' }),
  });
}

describe('bootstrap', () => {
  it('generates and prints credentials once, then reuses the data; env credentials are honoured', async () => {
    const lines: string[] = [];
    const first = await startApi({ databaseUrl, port: 0, log: (l) => lines.push(l) });
    const printed = lines.join('\n');
    const writeKey = /write key \(ingestion\):\s+(\S+)/.exec(printed)?.[1];
    const adminToken = /admin token \(\/api\):\s+(\S+)/.exec(printed)?.[1];
    expect(writeKey).toMatch(/^bwk_/);
    expect(adminToken).toMatch(/^bat_/);
    expect((await track(first.url, writeKey!)).status).toBe(200);
    await first.close();

    const again: string[] = [];
    const options = bootstrapOptionsFromEnv({ BRAID_BOOTSTRAP_WRITE_KEY: 'ci-write', BRAID_BOOTSTRAP_ADMIN_TOKEN: 'ci-admin' });
    const second = await startApi({ databaseUrl, port: 0, log: (l) => again.push(l), bootstrap: options });
    expect(again.join('\n')).not.toContain(writeKey!);
    expect(second.bootstrap?.workspaceId).toBe(first.bootstrap?.workspaceId);
    expect((await track(second.url, writeKey!)).status).toBe(200);
    expect((await track(second.url, 'ci-write')).status).toBe(200);
    const me = await fetch(`${second.url}/api/auth/me`, { headers: { authorization: 'Bearer ci-admin' } });
    expect(await me.json()).toMatchObject({ workspaceId: first.bootstrap?.workspaceId });
    const events = await second.db.client.execute('SELECT count(*) AS n FROM events');
    expect(Number(events.rows[0]?.n)).toBe(3);
    await second.close();
  });

  it('creates the default workspace with exactly the configured credentials', async () => {
    const lines: string[] = [];
    const api = await startApi({
      databaseUrl: `file:${join(dir, 'other.db')}`,
      port: 0,
      log: (l) => lines.push(l),
      bootstrap: bootstrapOptionsFromEnv({
        BRAID_BOOTSTRAP_WRITE_KEY: 'wk',
        BRAID_BOOTSTRAP_ADMIN_TOKEN: 'at',
        BRAID_BOOTSTRAP_ADMIN_EMAIL: 'Owner@HoaBan.vn',
        BRAID_BOOTSTRAP_ADMIN_PASSWORD: 'pw-123456',
      }),
    });
    expect(lines).toEqual([]);
    expect((await track(api.url, 'wk')).status).toBe(200);
    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@hoaban.vn', password: 'pw-123456' }) });
    expect(login.status).toBe(200);
    const keys = await api.db.client.execute('SELECT kind, hash FROM api_keys');
    expect(keys.rows).toHaveLength(2);
    expect(JSON.stringify(keys.rows)).not.toContain('"wk"');
    await api.close();
  });

  it('a first start with no variables creates admin@braid.local and prints a password that signs in', async () => {
    const lines: string[] = [];
    const api = await startApi({ databaseUrl: `file:${join(dir, 'fresh.db')}`, port: 0, log: (l) => lines.push(l), bootstrap: bootstrapOptionsFromEnv({}) });
    const login = /login:\s+(\S+) \/ (\S+)/.exec(lines.join('\n'));
    expect(login?.[1]).toBe('admin@braid.local');
    const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: login![1], password: login![2] }) });
    expect(res.status).toBe(200);
    await api.close();
  });
});
