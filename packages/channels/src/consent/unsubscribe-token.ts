// Signed unsubscribe links. The token names the workspace, the customer and what they leave (a
// group or a whole channel), HMAC-SHA256 signed with the workspace's tracking key: a forged or
// edited link, or one moved to another workspace's customer, does not verify.
// u2 tokens also name the key id and are signed with the workspace's own key (tracking_keys);
// u1 tokens (a key derived from the installation's secret) are still read for links already sent.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readToken, signToken, text } from '../tracking/signed-token';
import type { SigningKey } from '../tracking/workspace-keys';
import type { TrackingVerifier } from '../tracking/tracking-token';

export type UnsubscribeClaim = {
  workspaceId: string;
  customerId: string;
  /** A subscription group id, or channelScope(channel). */
  scope: string;
  /** The message the link came in, when known (for the record, not for authority). */
  messageId?: string;
};

const VERSION = 'u1';
const MAC_BYTES = 16;

/** The key u1 links were signed with: derived from the installation's tracking secret and the workspace. */
export function workspaceTrackingKey(trackingSecret: string, workspaceId: string): Buffer {
  return createHmac('sha256', trackingSecret).update(`braid:workspace-tracking:${workspaceId}`).digest();
}

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest().subarray(0, MAC_BYTES);

export function signUnsubscribeToken(trackingSecret: string, claim: UnsubscribeClaim): string {
  const fields: Record<string, string> = { w: claim.workspaceId, c: claim.customerId, s: claim.scope };
  if (claim.messageId) fields.m = claim.messageId;
  const data = `${VERSION}.${Buffer.from(JSON.stringify(fields)).toString('base64url')}`;
  return `${data}.${mac(workspaceTrackingKey(trackingSecret, claim.workspaceId), data).toString('base64url')}`;
}

/** The claim when the token is intact and signed for the workspace it names; null for anything else. */
export function verifyUnsubscribeToken(trackingSecret: string, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) return null;
  let fields: { w?: unknown; c?: unknown; s?: unknown; m?: unknown };
  try {
    fields = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof fields;
  } catch {
    return null;
  }
  if (!fields || typeof fields !== 'object') return null;
  const { w, c, s, m } = fields;
  if (typeof w !== 'string' || !w || typeof c !== 'string' || !c || typeof s !== 'string' || !s) return null;
  const given = Buffer.from(parts[2], 'base64url');
  const expected = mac(workspaceTrackingKey(trackingSecret, w), `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { workspaceId: w, customerId: c, scope: s, ...(typeof m === 'string' && m ? { messageId: m } : {}) };
}

const V2 = 'u2';

/** An unsubscribe token signed with the workspace's current key. */
export function signWorkspaceUnsubscribeToken(key: SigningKey, claim: UnsubscribeClaim): string {
  const fields: Record<string, string> = { w: claim.workspaceId, i: key.id, c: claim.customerId, s: claim.scope };
  if (claim.messageId) fields.m = claim.messageId;
  return signToken(V2, fields, key.secret);
}

/** The claim of a u2 (workspace key) or u1 (installation secret) token; null when forged, edited, expired or unknown. */
export async function verifyAnyUnsubscribeToken(verifier: TrackingVerifier, token: string): Promise<UnsubscribeClaim | null> {
  if (token.startsWith(`${VERSION}.`)) return verifier.legacySecret ? verifyUnsubscribeToken(verifier.legacySecret, token) : null;
  const read = readToken(token, V2);
  if (!read) return null;
  const { w, i, c, s, m } = read.fields;
  const workspaceId = text(w);
  const keyId = text(i);
  const customerId = text(c);
  const scope = text(s);
  if (!workspaceId || !keyId || !customerId || !scope) return null;
  const secret = await verifier.secretOf(workspaceId, keyId);
  if (!secret || !read.signedWith(secret)) return null;
  const messageId = text(m);
  return { workspaceId, customerId, scope, ...(messageId ? { messageId } : {}) };
}
