// A local HTTP server on 127.0.0.1 standing in for a provider that cannot run here. Each fake
// validates requests the way the provider documents them and answers 4xx like the provider does,
// so a malformed request from an adapter fails its test.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders; raw: string; json: unknown };
export type FakeReply = { status: number; json?: unknown; text?: string };
export type FakeServer = { url: string; requests: FakeRequest[]; close(): Promise<void> };

export async function startFakeServer(handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      let json: unknown;
      try {
        json = raw && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : undefined;
      } catch {
        json = undefined;
      }
      const request: FakeRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, raw, json };
      requests.push(request);
      void Promise.resolve(handle(request)).then((reply) => {
        if (reply.json !== undefined) res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
        else res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.text ?? '');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Collects what is wrong with a request; the fake answers the provider's "bad request" when any. */
export class Problems {
  readonly list: string[] = [];
  check(ok: boolean, problem: string): void {
    if (!ok) this.list.push(problem);
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
