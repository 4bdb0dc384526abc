// Consent from what providers tell Braid: an SMS "STOP" reply, a Messenger marketing opt-out, a
// Zalo unfollow, an email address that bounced for good or complained of spam. Each applies to
// all marketing of that channel (the customer said "stop" to the channel, not to one list) and is
// recorded against the customer holding the address in the webhook's workspace only.
import { findCustomerByIdentity, liveCustomerId, type DbOrTx, type SubscriptionStatus } from '@braid/db';
import { toE164 } from '../phone/phone-number';
import { recordConsent, type ConsentSource } from './consent-store';
import { channelScope } from './scope';

export type ProviderSignal = {
  workspaceId: string;
  channel: 'email' | 'sms' | 'messenger' | 'zalo';
  /** The address as the provider wrote it: phone, PSID, Zalo user id, email. */
  address: string;
  status: SubscriptionStatus;
  source: ConsentSource;
  at: number;
};

const IDENTITY_OF: Record<ProviderSignal['channel'], string> = { email: 'email', sms: 'phone', messenger: 'facebook_psid', zalo: 'zalo_id' };

function normalise(channel: ProviderSignal['channel'], address: string): string | null {
  const trimmed = address.trim();
  if (!trimmed) return null;
  if (channel === 'sms') return toE164(trimmed);
  if (channel === 'email') return trimmed.toLowerCase();
  return trimmed;
}

/** The customer the signal was recorded for; null when no customer of the workspace has the address. */
export async function recordProviderSignal(db: DbOrTx, signal: ProviderSignal): Promise<string | null> {
  const value = normalise(signal.channel, signal.address);
  if (!value) return null;
  const found = await findCustomerByIdentity(db, signal.workspaceId, IDENTITY_OF[signal.channel], value);
  const customerId = found ? ((await liveCustomerId(db, found)) ?? found) : null;
  if (!customerId) return null;
  await recordConsent(db, { workspaceId: signal.workspaceId, customerId, scope: channelScope(signal.channel), status: signal.status, source: signal.source, at: signal.at });
  return customerId;
}

/**
 * Keywords of an SMS reply that mean "stop" or "start again": the carrier-standard English ones
 * (as Twilio's Advanced Opt-Out reads them) and the Vietnamese "HUY" / "TU CHOI" shops print in [QC] SMS.
 */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'HUY', 'TU CHOI', 'TUCHOI', 'OPTOUT', 'REVOKE']);
const START_WORDS = new Set(['START', 'UNSTOP', 'SUBSCRIBE', 'DANG KY', 'DANGKY']);

/** 'unsubscribed' for a STOP reply, 'subscribed' for START, null for any other text. */
export function smsKeyword(body: string): SubscriptionStatus | null {
  const word = body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
  if (STOP_WORDS.has(word)) return 'unsubscribed';
  if (START_WORDS.has(word)) return 'subscribed';
  return null;
}
