import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, createWebhookAdapter, signWebhookBody, verifyWebhookSignature, type LookupAll, type RenderedMessage } from '../src/index';

const SECRET = 'whsec_hoaban';
type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const path = req.url ?? '';
      if (path.startsWith('/redirect-to?')) {
        res.writeHead(307, { location: decodeURIComponent(path.slice('/redirect-to?'.length)) }).end();
      } else if (path === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
      } else if (path.startsWith('/status/')) {
        res.writeHead(Number(path.slice('/status/'.length))).end('nope');
      } else if (path === '/hang') {
        // Never answers: the adapter's deadline must end it.
      } else {
        res.writeHead(200, { 'x-request-id': 'req-42' }).end('ok');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const message = (to: string, over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'webhook',
  to,
  body: '',
  payload: { event: 'cart_abandoned', customer: { name: 'Toản' }, total: 1_700_000 },
  idempotencyKey: 'journey:j1:customer:c1/notify-crm/1',
  customerId: 'c1',
  workspaceId: 'w1',
  meta: {},
  ...over,
});

const local = (extra: Parameters<typeof createWebhookAdapter>[0] extends infer O ? Partial<O> : never = {}) =>
  createWebhookAdapter({ secret: SECRET, allowList: ['127.0.0.1'], timeoutMs: 5_000, ...extra });

describe('webhook delivery', () => {
  it('POSTs the payload as JSON with a signature the receiver can verify', async () => {
    received.length = 0;
    const result = await local().send(message(`${base}/hooks/crm`));
    expect(result).toEqual({ status: 'sent', providerMessageId: 'req-42', retryable: false });
    const [req] = received;
    expect(req?.path).toBe('/hooks/crm');
    expect(JSON.parse(req!.body)).toEqual({ event: 'cart_abandoned', customer: { name: 'Toản' }, total: 1_700_000 });
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req?.headers['idempotency-key']).toBe('journey:j1:customer:c1/notify-crm/1');
    const header = req?.headers['x-braid-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body: req!.body, header, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: req!.body, header, secret: 'wrong' })).toBe(false);
    expect(verifyWebhookSignature({ body: req!.body.replace('1700000', '1'), header, secret: SECRET })).toBe(false);
    expect(verifyWebhookSignature({ body: req!.body, header, secret: SECRET, nowSec: Math.floor(Date.now() / 1000) + 3600 })).toBe(false);
  });

  it('signs per workspace and without a payload sends the rendered text', async () => {
    received.length = 0;
    const adapter = local({ secret: (ws) => `secret-${ws}` });
    await adapter.send(message(`${base}/text`, { payload: undefined, body: 'Chào Toản', workspaceId: 'w9' }));
    const req = received[0]!;
    expect(JSON.parse(req.body)).toMatchObject({ body: 'Chào Toản', workspaceId: 'w9', customerId: 'c1' });
    expect(verifyWebhookSignature({ body: req.body, header: req.headers['x-braid-signature'] as string, secret: 'secret-w9' })).toBe(true);
  });

  it('connects to the address it vetted, not a second DNS answer', async () => {
    received.length = 0;
    let calls = 0;
    const lookup: LookupAll = async () => {
      calls++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const adapter = createWebhookAdapter({ secret: SECRET, allowList: ['hooks.hoaban.test'], lookup });
    expect(await adapter.send(message(`http://hooks.hoaban.test:${port}/named`))).toMatchObject({ status: 'sent' });
    expect(calls).toBe(1);
    expect(received[0]?.headers.host).toBe(`hooks.hoaban.test:${port}`);
  });

  it('follows a redirect to an allowed place and refuses one to a refused address', async () => {
    received.length = 0;
    expect(await local().send(message(`${base}/redirect-to?${encodeURIComponent('/final')}`))).toMatchObject({ status: 'sent' });
    expect(received.map((r) => r.path)).toEqual(['/redirect-to?%2Ffinal', '/final']);
    expect(received[1]?.body).toBe(received[0]?.body);

    for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/admin', 'file:///etc/passwd']) {
      const result = await local().send(message(`${base}/redirect-to?${encodeURIComponent(target)}`));
      expect(result, target).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_REDIRECT_CROSS_ORIGIN' } });
    }
    expect(await local({ maxRedirects: 2 }).send(message(`${base}/loop`))).toMatchObject({ status: 'failed', error: { code: 'WEBHOOK_TOO_MANY_REDIRECTS' } });
  });

  it('never re-sends the signed body to another origin on a redirect (301/302/303/307/308)', async () => {
    const other: Received[] = [];
    const elsewhere = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        other.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const redirector = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const [, status, to] = /^\/(\d+)\/(.*)$/.exec(req.url ?? '') ?? [];
        if (!status) res.writeHead(200).end('ok');
        else res.writeHead(Number(status), { location: decodeURIComponent(to ?? '') }).end();
      });
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const from = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal`;
      for (const status of [301, 302, 303, 307, 308]) {
        const result = await local().send(message(`${from}/${status}/${encodeURIComponent(target)}`));
        expect(result, String(status)).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_REDIRECT_CROSS_ORIGIN' } });
      }
      expect(other).toEqual([]);

      // Same origin, any redirect status: followed with the same signed body.
      for (const status of [301, 302, 303, 307, 308]) {
        expect(await local().send(message(`${from}/${status}/${encodeURIComponent('/final')}`)), String(status)).toMatchObject({ status: 'sent' });
      }
    } finally {
      await new Promise((r) => elsewhere.close(r));
      await new Promise((r) => redirector.close(r));
    }
  });

  it('maps answers to retryable or permanent failures', async () => {
    const adapter = local();
    expect(await adapter.send(message(`${base}/status/500`))).toMatchObject({ status: 'failed', retryable: true, error: { code: 'WEBHOOK_UNAVAILABLE' } });
    expect(await adapter.send(message(`${base}/status/429`))).toMatchObject({ status: 'failed', retryable: true });
    expect(await adapter.send(message(`${base}/status/410`))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_REJECTED' } });
    expect((await adapter.send(message(`${base}/status/400`))).error?.message).toContain('400: nope');
  });

  it('times out a receiver that never answers (retryable)', async () => {
    const result = await local({ timeoutMs: 300 }).send(message(`${base}/hang`));
    expect(result).toMatchObject({ status: 'failed', retryable: true, error: { code: 'WEBHOOK_TIMEOUT' } });
  });

  it('a closed port or failing DNS is retryable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await local().send(message(`http://127.0.0.1:${closedPort}/`))).toMatchObject({ status: 'failed', retryable: true, error: { code: 'WEBHOOK_UNREACHABLE' } });
    const failingDns: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    expect(await createWebhookAdapter({ secret: SECRET, lookup: failingDns }).send(message('https://hooks.example.com/'))).toMatchObject({ status: 'failed', retryable: true });
  });
});

describe('SSRF protection', () => {
  const refusedUrls: Array<[string, string]> = [
    ['loopback IPv4', `http://127.0.0.1:${9}/`],
    ['loopback 127/8', 'http://127.1.2.3/'],
    ['loopback IPv6', 'http://[::1]/'],
    ['loopback, decimal notation', 'http://2130706433/'],
    ['loopback, hex notation', 'http://0x7f.1/'],
    ['private 10/8', 'http://10.0.0.1/'],
    ['private 172.16/12', 'http://172.16.5.4/'],
    ['private 192.168/16', 'http://192.168.1.1/'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['unique-local fc00::/7', 'http://[fd12:3456::1]/'],
    ['link-local', 'http://169.254.10.10/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['multicast', 'http://224.0.0.1/'],
    ['multicast IPv6', 'http://[ff02::1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['unspecified IPv6', 'http://[::]/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/'],
    ['IPv4-mapped private', 'http://[::ffff:a00:1]/'],
    ['IPv4-compatible loopback', 'http://[::7f00:1]/'],
    ['NAT64 of a private address', 'http://[64:ff9b::a00:1]/'],
  ];
  it.each(refusedUrls)('refuses %s (%s) by default', async (_name, url) => {
    received.length = 0;
    const result = await createWebhookAdapter({ secret: SECRET, timeoutMs: 2_000 }).send(message(url));
    expect(result).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_ADDRESS_REFUSED' } });
    expect(result.error?.message).toMatch(/allowPrivateNetworks|allow-list/);
    expect(received).toHaveLength(0);
  });

  it('refuses a hostname when any of its addresses is internal', async () => {
    const lookup: LookupAll = async (host) =>
      host === 'mixed.example' ? [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }] : [{ address: '::ffff:192.168.0.10', family: 6 }];
    const adapter = createWebhookAdapter({ secret: SECRET, lookup });
    const mixed = await adapter.send(message('https://mixed.example/hook'));
    expect(mixed).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_ADDRESS_REFUSED' } });
    expect(mixed.error?.message).toContain('10.0.0.7 (mixed.example resolves to it): private network');
    expect((await adapter.send(message('https://intranet.example/hook'))).error?.message).toContain('192.168.0.10');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1:25/', 'javascript:alert(1)'])('refuses the %s scheme', async (url) => {
    expect(await createWebhookAdapter({ secret: SECRET }).send(message(url))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_ADDRESS_REFUSED' } });
  });

  it('rejects something that is not a URL', async () => {
    expect(await createWebhookAdapter({ secret: SECRET }).send(message('crm hook'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'WEBHOOK_INVALID_URL' } });
  });

  it('allowPrivateNetworks opens loopback and private ranges but not cloud metadata', async () => {
    const adapter = createWebhookAdapter({ secret: SECRET, allowPrivateNetworks: true });
    expect(await adapter.send(message(`${base}/private-ok`))).toMatchObject({ status: 'sent' });
    expect(await adapter.send(message('http://169.254.169.254/latest/meta-data/'))).toMatchObject({ error: { code: 'WEBHOOK_ADDRESS_REFUSED' } });
    expect(checkAddress('10.1.2.3', { allowPrivateNetworks: true }).allowed).toBe(true);
    expect(checkAddress('224.0.0.1', { allowPrivateNetworks: true }).allowed).toBe(false);
  });

  it('the allow-list takes addresses, CIDR ranges and hostnames', () => {
    expect(checkAddress('10.20.30.40', { allowList: ['10.20.0.0/16'] }).allowed).toBe(true);
    expect(checkAddress('10.21.30.40', { allowList: ['10.20.0.0/16'] }).allowed).toBe(false);
    expect(checkAddress('::ffff:10.20.30.40', { allowList: ['10.20.0.0/16'] }).allowed).toBe(true);
    expect(checkAddress('fd00::5', { allowList: ['fd00::/8'] }).allowed).toBe(true);
    expect(checkAddress('10.0.0.1', { allowList: ['crm.internal'] }, 'CRM.internal').allowed).toBe(true);
    expect(checkAddress('8.8.8.8').allowed).toBe(true);
    expect(checkAddress('2606:4700::1111').allowed).toBe(true);
  });
});

describe('signature helper', () => {
  it('accepts any of several v1 signatures (secret rotation) and rejects malformed headers', () => {
    const body = '{"a":1}';
    const t = 1_800_000_000;
    const oldSig = signWebhookBody(body, 'old', t);
    const newSig = signWebhookBody(body, 'new', t).split(',')[1];
    const rotated = `${oldSig},${newSig}`;
    expect(verifyWebhookSignature({ body, header: rotated, secret: 'new', nowSec: t })).toBe(true);
    expect(verifyWebhookSignature({ body, header: rotated, secret: 'old', nowSec: t + 100 })).toBe(true);
    expect(verifyWebhookSignature({ body, header: 'garbage', secret: 'old', nowSec: t })).toBe(false);
    expect(verifyWebhookSignature({ body, header: undefined, secret: 'old', nowSec: t })).toBe(false);
    expect(verifyWebhookSignature({ body, header: `t=${t},v1=zz`, secret: 'old', nowSec: t })).toBe(false);
  });
});

describe('cancellation', () => {
  it('a cancelled activity stops the request and says so (retryable)', async () => {
    const controller = new AbortController();
    const pending = local({ timeoutMs: 30_000 }).send(message(`${base}/hang`), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ status: 'failed', retryable: true, error: { code: 'WEBHOOK_CANCELLED' } });
  });
});
