// Facebook / Instagram Custom Audiences from customer data:
// https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/
//   POST   {base}/{version}/{audience_id}/users  (add)    ?access_token=...[&appsecret_proof=...]
//   DELETE {base}/{version}/{audience_id}/users  (remove)
//   { payload: { schema: ["EMAIL", "PHONE"], data: [[sha256(email), sha256(phone digits)], ...] },
//     session: { session_id, batch_seq, last_batch_flag, estimated_num_total } }
//   → { audience_id, session_id, num_received, num_invalid_entries }
// At most 10,000 rows per call; a missing identifier is an empty string in its column.
import { createHash, createHmac } from 'node:crypto';
import { isFailure, joinUrl, providerRequest } from '../http/provider-request';
import { classifyGraphError, type GraphError } from '../messenger/messenger-errors';
import { firstNormalised, metaEmail, metaPhone, sha256Hex } from './normalise';
import { unknownAudienceMessage, type AudienceMapSource } from './unknown-audience';
import { audienceFailed, type AudienceAdapter, type AudienceContext, type AudienceCustomer, type AudienceRef, type AudienceResult } from './types';

export type FacebookAudienceSettings = {
  /** A system-user token with ads_management on the ad account owning the audiences. */
  accessToken: string;
  appSecret?: string;
  graphVersion: string;
  baseUrl: string;
  /** Marketer's audience name → Custom Audience id. A numeric name is used as the id itself. */
  audiences: Record<string, string>;
  /** Where the marketer maintains that map, so an unknown name says where to add it (default: the environment). */
  mappedIn?: AudienceMapSource;
  timeoutMs: number;
  batchSize?: number;
};

export const FACEBOOK_SCHEMA = ['EMAIL', 'PHONE'] as const;

/** The rows Meta gets: one per customer with something to match on. */
export function facebookAudienceRows(customers: AudienceCustomer[]): { rows: string[][]; skipped: number } {
  const rows: string[][] = [];
  let skipped = 0;
  for (const c of customers) {
    const email = firstNormalised(c.emails, metaEmail);
    const phone = firstNormalised(c.phones, metaPhone);
    if (!email && !phone) skipped++;
    else rows.push([email ? sha256Hex(email) : '', phone ? sha256Hex(phone) : '']);
  }
  return { rows, skipped };
}

export function createFacebookAudienceAdapter(settings: FacebookAudienceSettings): AudienceAdapter {
  const batchSize = Math.min(settings.batchSize ?? 10_000, 10_000);
  const query = new URLSearchParams({ access_token: settings.accessToken });
  if (settings.appSecret) query.set('appsecret_proof', createHmac('sha256', settings.appSecret).update(settings.accessToken).digest('hex'));

  async function change(method: 'POST' | 'DELETE', audience: AudienceRef, customers: AudienceCustomer[], ctx?: AudienceContext): Promise<AudienceResult> {
    const id = settings.audiences[audience.name] ?? (/^\d+$/.test(audience.name) ? audience.name : undefined);
    if (!id) return audienceFailed('FACEBOOK_AUDIENCE_UNKNOWN', unknownAudienceMessage('facebook', audience.name, settings.mappedIn ?? 'environment'), false);
    const { rows, skipped } = facebookAudienceRows(customers);
    if (rows.length === 0) return { status: 'done', sent: 0, skipped };
    // A session ties the batches of one change together; derived from the step key, a retry reuses it.
    const sessionId = parseInt(createHash('sha256').update(audience.idempotencyKey ?? `${audience.workspaceId}:${audience.name}:${rows.length}`).digest('hex').slice(0, 13), 16);
    const batches = Math.ceil(rows.length / batchSize);
    for (let i = 0; i < batches; i++) {
      const res = await providerRequest({
        method,
        url: `${joinUrl(settings.baseUrl, `/${settings.graphVersion}/${id}/users`)}?${query}`,
        body: {
          payload: { schema: [...FACEBOOK_SCHEMA], data: rows.slice(i * batchSize, (i + 1) * batchSize) },
          session: { session_id: sessionId, batch_seq: i + 1, last_batch_flag: i === batches - 1, estimated_num_total: rows.length },
        },
        timeoutMs: settings.timeoutMs,
        signal: ctx?.signal,
      });
      if (isFailure(res)) return audienceFailed(`FACEBOOK_AUDIENCE_${res.kind.toUpperCase()}`, res.message, true);
      if (res.status !== 200) {
        const r = classifyGraphError(res.status, (res.json as { error?: GraphError } | undefined)?.error, 'FACEBOOK_AUDIENCE');
        return audienceFailed(r.error!.code, r.error!.message, r.retryable);
      }
    }
    return { status: 'done', sent: rows.length, skipped, providerRef: `${id}:session:${sessionId}` };
  }

  return {
    platform: 'facebook',
    name: 'facebook-custom-audiences',
    add: (audience, customers, ctx) => change('POST', audience, customers, ctx),
    remove: (audience, customers, ctx) => change('DELETE', audience, customers, ctx),
  };
}
