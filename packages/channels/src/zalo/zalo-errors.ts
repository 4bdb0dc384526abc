// Zalo answers HTTP 200 with `{ error: <code>, message }`; 0 is success, negative codes say why not.
// Tables: ZNS https://developers.zalo.me/docs/zalo-notification-service/phu-luc/bang-ma-loi
//         OA   https://developers.zalo.me/docs/official-account/phu-luc/ma-loi
// Only codes that name a passing condition (quota, night-time window, rate limit, Zalo's own
// trouble) are retried; a bad phone, template or token never gets better by resending.
import { failed, type DeliveryResult } from '../types';

const ZNS_RETRYABLE: Record<number, string> = {
  [-100]: 'Zalo had an internal error',
  [-115]: 'the ZNS account balance is too low (top up, then it goes out)',
  [-133]: 'this template may not be sent at night (22:00–06:00)',
  [-135]: 'the OA has used its ZNS quota for now',
  [-144]: 'the OA has used its daily promotional ZNS quota',
  [-32]: 'Zalo rate-limited the request',
};

const ZNS_PERMANENT: Record<number, string> = {
  [-108]: 'the phone number is not valid for Zalo',
  [-109]: 'the template id does not exist',
  [-111]: 'the template data is empty',
  [-112]: 'the template data does not match the template',
  [-114]: 'the person is not active on Zalo, blocked the OA or cannot receive ZNS',
  [-117]: 'the OA or app may not send ZNS',
  [-118]: 'there is no Zalo account for this phone number',
  [-119]: 'this Zalo account cannot receive ZNS',
  [-124]: 'the Zalo access token is invalid or expired',
  [-131]: 'the template is not approved',
  [-139]: 'the person refused this kind of ZNS',
  [-141]: 'the person refused ZNS from this OA',
};

const OA_RETRYABLE: Record<number, string> = {
  [-32]: 'Zalo rate-limited the request',
  [-211]: 'the OA has used its message quota for now',
};

const OA_PERMANENT: Record<number, string> = {
  [-201]: 'a parameter is invalid',
  [-213]: 'the person does not follow the OA',
  [-216]: 'the Zalo access token is invalid or expired',
  [-230]: 'the person has not talked to the OA in the last 7 days, so a consultation message is not allowed',
};

/** The quota codes: ZNS -135 (quota for now), -144 (daily promotional quota); OA -211. */
const QUOTA_CODES: Record<'zns' | 'oa', number[]> = { zns: [-135, -144], oa: [-211] };

/** A provider refusal that means "the quota is spent", which waits for the next day instead of retrying. */
export function isQuotaRefusal(error: { code: string } | undefined): boolean {
  return error !== undefined && /^ZALO_(ZNS|OA)_QUOTA$/.test(error.code);
}

/** Classifies a Zalo error body. `api` picks the table: codes mean different things in each. */
export function classifyZaloError(api: 'zns' | 'oa', code: number, message: string | undefined): DeliveryResult {
  const retryable = api === 'zns' ? ZNS_RETRYABLE : OA_RETRYABLE;
  const permanent = api === 'zns' ? ZNS_PERMANENT : OA_PERMANENT;
  const said = message ? ` (Zalo said: ${message})` : '';
  const prefix = api === 'zns' ? 'ZALO_ZNS' : 'ZALO_OA';
  // A spent quota comes back tomorrow, not in a minute: the runtime postpones to Zalo's next day.
  if (QUOTA_CODES[api].includes(code)) return failed(`${prefix}_QUOTA`, `${retryable[code]}: error ${code}${said}`, true);
  if (code in retryable) return failed(`${prefix}_DEFERRED`, `${retryable[code]}: error ${code}${said}`, true);
  const auth = code === -124 || code === -216;
  if (code in permanent) return failed(auth ? 'ZALO_AUTH_FAILED' : `${prefix}_REJECTED`, `${permanent[code]}: error ${code}${said}`, false);
  // An unknown code is most likely a request Zalo will refuse again: do not resend blindly.
  return failed(`${prefix}_REJECTED`, `Zalo refused the message: error ${code}${said}`, false);
}
