// Signed tokens for open pixels and click links. The token carries the message id (and, for a
// click, the destination), HMAC-SHA256 signed: nobody can mark someone else's message or turn
// Braid's link into a redirect to a URL that was not in the message.
// t2 tokens name the workspace and its key id and are signed with that workspace's own key
// (tracking_keys); t1 tokens, signed with the installation's secret, are still read for links
// sent before workspaces had keys.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readToken, signToken, text } from './signed-token';
import type { SigningKey } from './workspace-keys';

export type TrackingClaim = { kind: 'open'; messageId: string } | { kind: 'click'; messageId: string; url: string };

const VERSION = 't1';
/** 128 bits of the MAC: plenty against forgery, keeps links short. */
const MAC_BYTES = 16;

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest().subarray(0, MAC_BYTES);

export function signTrackingToken(secret: string, claim: TrackingClaim): string {
  const body = Buffer.from(JSON.stringify(claim.kind === 'open' ? { k: 'o', m: claim.messageId } : { k: 'c', m: claim.messageId, u: claim.url })).toString('base64url');
  const data = `${VERSION}.${body}`;
  return `${data}.${mac(secret, data).toString('base64url')}`;
}

/** The claim when the token is intact and signed with `secret`; null for anything else. */
export function verifyTrackingToken(secret: string, token: string): TrackingClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const data = `${parts[0]}.${parts[1]}`;
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = mac(secret, data);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = decoded as { k?: unknown; m?: unknown; u?: unknown };
  if (typeof c.m !== 'string' || c.m === '') return null;
  if (c.k === 'o') return { kind: 'open', messageId: c.m };
  if (c.k === 'c' && typeof c.u === 'string' && isHttpUrl(c.u)) return { kind: 'click', messageId: c.m, url: c.u };
  return null;
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const V2 = 't2';

/** A claim signed with a workspace's key: the workspace and key id travel in the token. */
export function signWorkspaceTrackingToken(workspaceId: string, key: SigningKey, claim: TrackingClaim): string {
  const fields: Record<string, string> = { w: workspaceId, i: key.id, k: claim.kind === 'open' ? 'o' : 'c', m: claim.messageId };
  if (claim.kind === 'click') fields.u = claim.url;
  return signToken(V2, fields, key.secret);
}

export type WorkspaceTrackingClaim = TrackingClaim & {
  /** The workspace whose key signed the token; absent for installation-signed (t1) links. */
  workspaceId?: string;
};

export type TrackingVerifier = {
  /** The installation's secret, for t1 links; null when there is none. */
  legacySecret: string | null;
  /** The secret of a workspace's key while it still verifies links. */
  secretOf(workspaceId: string, keyId: string): Promise<string | null>;
};

/** The claim of a t2 (workspace key) or t1 (installation secret) token; null when forged, edited, expired or unknown. */
export async function verifyAnyTrackingToken(verifier: TrackingVerifier, token: string): Promise<WorkspaceTrackingClaim | null> {
  if (token.startsWith(`${VERSION}.`)) return verifier.legacySecret ? verifyTrackingToken(verifier.legacySecret, token) : null;
  const read = readToken(token, V2);
  if (!read) return null;
  const { w, i, k, m, u } = read.fields;
  const workspaceId = text(w);
  const keyId = text(i);
  const messageId = text(m);
  if (!workspaceId || !keyId || !messageId) return null;
  const secret = await verifier.secretOf(workspaceId, keyId);
  if (!secret || !read.signedWith(secret)) return null;
  if (k === 'o') return { kind: 'open', messageId, workspaceId };
  const url = text(u);
  if (k === 'c' && url && isHttpUrl(url)) return { kind: 'click', messageId, url, workspaceId };
  return null;
}
