// A client that announces more body than it sends is answered 408 after the body timeout and
// its connection closed, instead of being held for Node's 300 s request timeout.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TIMEOUT_MS } from '../src/ingest/routes';
import { count, startTestApi, WRITE_KEY, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ ingestBodyTimeoutMs: 400 });
});
afterAll(() => api.stop());

/** Sends `parts` on a raw socket, `gapMs` apart; resolves with everything read until the server closes. */
function rawRequest(parts: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(api.port, '127.0.0.1', () => {
      parts.forEach((part, i) => setTimeout(() => socket.write(part), i * gapMs));
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    // A hung server fails the test rather than the suite's timeout.
    setTimeout(() => socket.destroy(new Error(`no answer after 20 s: ${text}`)), 20_000).unref();
  });
}

const auth = Buffer.from(`${WRITE_KEY}:`).toString('base64');
const head = (length: number) =>
  `POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${auth}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${length}\r\n\r\n`;

describe('ingestion body timeout', () => {
  it('defaults to a few seconds', () => {
    expect(BODY_TIMEOUT_MS).toBeGreaterThanOrEqual(5_000);
    expect(BODY_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
  });

  it('answers 408 and closes the connection when Content-Length exceeds the body', async () => {
    const before = await count(api, 'events');
    const body = '{"userId":"slow","event":"e"}';
    const text = await rawRequest([head(body.length + 100) + body]);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('"code":"body_timeout"');
    expect(await count(api, 'events')).toBe(before);
  });

  it('still reads a body that arrives in pieces within the time', async () => {
    const body = '{"userId":"pieces","event":"e"}';
    const text = await rawRequest([head(body.length) + body.slice(0, 10), body.slice(10, 20), body.slice(20)], 50);
    expect(text).toMatch(/^HTTP\/1\.1 200/);
  });
});
