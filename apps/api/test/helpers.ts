// Real HTTP on 127.0.0.1:0 against a real libSQL temp file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@braid/db';
import { startApi, type RunningApi, type StartApiOptions } from '../src/server';

export const WRITE_KEY = 'bwk_test_write_key';
export const ADMIN_TOKEN = 'bat_test_admin_token';
export const ADMIN_EMAIL = 'owner@hoaban.vn';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface TestApi extends RunningApi {
  dir: string;
  post: (path: string, body: unknown, init?: { writeKey?: string | null; headers?: Record<string, string> }) => Promise<Response>;
  admin: (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;
  stop: () => Promise<void>;
}

type Options = Omit<StartApiOptions, 'db' | 'port'>;

export async function startTestApi(optionsOrFn: Options | ((db: Db) => Options) = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'braid-api-'));
  const db = await createDb(`file:${join(dir, 'braid.db')}`);
  const options = typeof optionsOrFn === 'function' ? optionsOrFn(db.db) : optionsOrFn;
  const api = await startApi({
    db,
    port: 0,
    log: () => undefined,
    bootstrap: { writeKey: WRITE_KEY, adminToken: ADMIN_TOKEN, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD },
    ...options,
  });
  const post: TestApi['post'] = (path, body, init = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const key = init.writeKey === undefined ? WRITE_KEY : init.writeKey;
    if (key) headers.authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    return fetch(`${api.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  };
  const admin: TestApi['admin'] = (path, init = {}) => {
    const { token = ADMIN_TOKEN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${api.url}${path}`, { ...rest, headers });
  };
  return {
    ...api,
    dir,
    post,
    admin,
    async stop() {
      await api.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function count(api: RunningApi, table: string): Promise<number> {
  const r = await api.db.client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]?.n ?? 0);
}

/** Sets environment variables for a test file; the returned function puts back what was there. */
export function setEnv(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** The admin API as a JSON caller: status, raw text and the parsed body (loosely typed, for assertions). */
export function adminJson(api: () => TestApi) {
  return async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await api().admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
