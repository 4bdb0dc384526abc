// The API serves the built web app in production: assets, client-side routes, and never in the
// way of /api, /v1 or /t, nor outside the dist folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const dist = mkdtempSync(join(tmpdir(), 'braid-web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Braid</title><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("canvas")');
writeFileSync(join(dist, '..', 'braid-secret.txt'), 'not for the web');

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ webDist: dist });
});
afterAll(() => api.stop());

describe('web app served by the API', () => {
  it('serves index.html at / and for client-side routes', async () => {
    for (const path of ['/', '/journeys/j_1/edit', '/customers']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await fetch(`${api.url}/assets/app-1234.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('canvas');
  });

  it('answers a missing asset with 404, not the app', async () => {
    const res = await fetch(`${api.url}/assets/missing.js`);
    expect(res.status).toBe(404);
  });

  it('leaves API paths to the API', async () => {
    const res = await fetch(`${api.url}/api/no-such-route`, { headers: { authorization: 'Bearer bat_test_admin_token' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    const doc = await fetch(`${api.url}/api/openapi.json`);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('never serves a file outside the dist folder', async () => {
    for (const path of ['/..%2fbraid-secret.txt', '/%2e%2e/braid-secret.txt', '/assets/..%2f..%2fbraid-secret.txt']) {
      const res = await fetch(`${api.url}${path}`);
      expect(await res.text()).not.toContain('not for the web');
    }
  });
});
