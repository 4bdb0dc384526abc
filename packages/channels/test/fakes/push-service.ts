// A push service on 127.0.0.1 that does what RFC 8030 / 8291 / 8292 ask of one: it checks the
// VAPID JWT (ES256, audience, expiry, contact) against the key in the `k` parameter, and decrypts
// the aes128gcm body with the browser's private key and auth secret, written here from the RFCs
// with Node's crypto (not with the library under test).
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a browser holds for one subscription (RFC 8291 §2): its key pair and auth secret. */
export type Browser = { ecdh: ECDH; p256dh: string; auth: string; authSecret: Buffer };

export function newBrowser(): Browser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url'), authSecret };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 + RFC 8188: one record, aes128gcm, the sender's key in the header's keyid. */
export function decryptPush(body: Buffer, browser: Browser): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const ecdhSecret = browser.ecdh.computeSecret(senderPublic);
  const prkKey = hmac(browser.authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), senderPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero or more 0x00 of padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter (0x02)');
  return padded.subarray(0, end).toString('utf8');
}

export type VapidClaims = { aud: string; exp: number; sub: string; publicKey: string };

/** RFC 8292 §2-3: `Authorization: vapid t=<JWT>, k=<P-256 public key>`, the JWT signed with ES256. */
export function checkVapid(headers: IncomingHttpHeaders): VapidClaims {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(headers.authorization ?? '');
  if (!match) throw new Error(`not a vapid Authorization header: ${headers.authorization}`);
  const [, token, k] = match as unknown as [string, string, string];
  const [head, payload, signature] = token.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg: string; typ?: string };
  if (header.alg !== 'ES256') throw new Error(`JWT alg ${header.alg}, expected ES256`);
  const raw = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${head}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!ok) throw new Error('VAPID JWT signature does not verify with k');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  return { ...claims, publicKey: k };
}

export type Received = { path: string; headers: IncomingHttpHeaders; payload: string | null; vapid: VapidClaims | null; problem: string | null };

/** Subscriptions by path: the browser whose keys decrypt them, and the status the service answers. */
export class PushService {
  readonly received: Received[] = [];
  private readonly subscriptions = new Map<string, { browser: Browser; status: number }>();
  private server: Server | null = null;
  base = '';

  subscribe(path: string, browser: Browser, status = 201) {
    this.subscriptions.set(path, { browser, status });
    return { endpoint: `${this.base}${path}`, keys: { p256dh: browser.p256dh, auth: browser.auth } };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        const known = this.subscriptions.get(path);
        const entry: Received = { path, headers: req.headers, payload: null, vapid: null, problem: null };
        try {
          entry.vapid = checkVapid(req.headers);
          if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${req.headers['content-encoding']}`);
          if (!req.headers.ttl) throw new Error('no TTL header (RFC 8030 §5.2)');
          if (known) entry.payload = decryptPush(Buffer.concat(chunks), known.browser);
        } catch (error) {
          entry.problem = (error as Error).message;
        }
        this.received.push(entry);
        if (entry.problem) res.writeHead(400).end(entry.problem);
        else res.writeHead(known ? known.status : 404).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
