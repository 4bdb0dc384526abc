// The snippet's batching against a real HTTP server on 127.0.0.1: events go in batches, a failing
// Braid is retried with backoff until it answers, a refusal (4xx) is given up at once and said.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The page lifecycle hooks the transport registers; nothing else of a page is needed here.
Object.assign(globalThis, { addEventListener: () => undefined, document: { addEventListener: () => undefined, visibilityState: 'visible' } });
const { Transport } = await import('../src/transport');

type Received = { at: number; body: { writeKey: string; batch: Array<{ messageId: string }> } };
const received: Received[] = [];
let answers: number[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'] });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"success":true}' : '{"error":{"code":"origin_not_allowed"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = (i: number) => ({ type: 'track', messageId: `m-${i}`, event: 'Product Viewed' });

describe('the snippet transport', () => {
  it('sends events together once flushAt are queued, with the write key in the body', async () => {
    received.length = 0;
    const transport = new Transport({ host: url, writeKey: 'bwk_shop', flushAt: 3, flushMs: 60_000, maxRetries: 2 });
    for (let i = 0; i < 7; i++) transport.enqueue(event(i));
    await transport.flush();
    expect(received.map((r) => r.body.batch.map((e) => e.messageId))).toEqual([['m-0', 'm-1', 'm-2'], ['m-3', 'm-4', 'm-5'], ['m-6']]);
    expect(received.every((r) => r.body.writeKey === 'bwk_shop')).toBe(true);
  });

  it('retries a batch with growing waits while Braid fails, and delivers it once it answers', async () => {
    received.length = 0;
    answers = [503, 500];
    const transport = new Transport({ host: url, writeKey: 'bwk_shop', flushAt: 100, flushMs: 60_000, maxRetries: 4 });
    transport.enqueue(event(10));
    await transport.flush();
    expect(received).toHaveLength(3);
    expect(received.map((r) => r.body.batch[0]!.messageId)).toEqual(['m-10', 'm-10', 'm-10']);
    const waits = [received[1]!.at - received[0]!.at, received[2]!.at - received[1]!.at];
    // 500 ms then 1 s, each with up to half taken off as jitter.
    expect(waits[0]).toBeGreaterThanOrEqual(240);
    expect(waits[1]).toBeGreaterThanOrEqual(490);
  });

  it('gives up at once on a refusal and says why in the console', async () => {
    received.length = 0;
    answers = [403];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const transport = new Transport({ host: url, writeKey: 'bwk_shop', flushAt: 100, flushMs: 60_000, maxRetries: 4 });
    transport.enqueue(event(20));
    await transport.flush();
    expect(received).toHaveLength(1);
    expect(warn.mock.calls[0]![0]).toContain('origin_not_allowed');
    warn.mockRestore();
  });

  it('sends what is queued after flushMs without a flush call', async () => {
    received.length = 0;
    const transport = new Transport({ host: url, writeKey: 'bwk_shop', flushAt: 100, flushMs: 50, maxRetries: 1 });
    transport.enqueue(event(30));
    for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(received.map((r) => r.body.batch[0]!.messageId)).toEqual(['m-30']);
  });
});
