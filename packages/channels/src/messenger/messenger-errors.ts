// Graph API errors: `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }`.
// https://developers.facebook.com/docs/messenger-platform/error-codes
// https://developers.facebook.com/docs/graph-api/guides/error-handling
import { failed, type DeliveryResult } from '../types';

export type GraphError = { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; fbtrace_id?: string };

/** Temporary trouble or throttling: 1/2 (unknown, service), 4/17/32/613 (rate limits), 1200 (temporary send failure). */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 613, 1200]);

/** Subcode 2018278: the 24-hour window is over and the message carried no tag. */
export const OUTSIDE_WINDOW_SUBCODE = 2018278;

export function isOutsideWindow(error: GraphError | undefined): boolean {
  return error?.code === 10 && error.error_subcode === OUTSIDE_WINDOW_SUBCODE;
}

export function classifyGraphError(status: number, error: GraphError | undefined, product: 'MESSENGER' | 'FACEBOOK_AUDIENCE'): DeliveryResult {
  const said = error?.message ? `: ${error.message}` : '';
  const codes = error?.code !== undefined ? ` (code ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}${error.fbtrace_id ? `, trace ${error.fbtrace_id}` : ''})` : '';
  if (error?.code === 190) return failed('FACEBOOK_AUTH_FAILED', `the access token is invalid or expired${said}${codes}`, false);
  if (error?.is_transient || (error?.code !== undefined && RETRYABLE_CODES.has(error.code)) || status === 429 || status >= 500) {
    return failed(`${product}_UNAVAILABLE`, `Facebook asked to try again later${said}${codes}`, true);
  }
  if (error?.code === 551) return failed(`${product}_REJECTED`, `this person isn't available on Messenger right now${said}${codes}`, false);
  if (isOutsideWindow(error)) return failed(`${product}_OUTSIDE_WINDOW`, `the 24-hour window is closed and no message tag applies${said}${codes}`, false);
  if (error?.code === 100 && error.error_subcode === 2018001) return failed(`${product}_REJECTED`, `no Messenger user with this PSID${said}${codes}`, false);
  return failed(`${product}_REJECTED`, `Facebook refused the request (HTTP ${status})${said}${codes}`, false);
}
