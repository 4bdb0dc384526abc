// Consent learned from a provider's answer to a send: a hard bounce (the SMTP server refused the
// recipient for good) or Twilio's 21610 (the number replied STOP). Recorded so the next marketing
// send is skipped with a reason instead of failing again at the provider.
import type { DeliveryError } from '../types';
import type { ConsentSource } from './consent-store';

export function consentSignalOfRefusal(channel: string, error: DeliveryError | undefined): ConsentSource | null {
  if (!error) return null;
  // 5.1.x: bad destination mailbox (RFC 3463); a refusal during RCPT TO is about the address itself.
  if (channel === 'email' && error.code === 'SMTP_REJECTED' && (/\b5\.1\.\d\b/.test(error.message) || /RCPT TO/i.test(error.message))) return 'email_bounce';
  if (channel === 'sms' && /21610|replied STOP/.test(`${error.code} ${error.message}`)) return 'sms_stop';
  return null;
}
