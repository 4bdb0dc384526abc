import { createEsmsAdapter, ESMS_BASE_URL } from './esms-adapter';
import { createTwilioAdapter } from './twilio-adapter';
import type { ChannelAdapter } from '../types';

const truthy = (v: string | undefined) => ['1', 'true', 'yes', 'on'].includes((v ?? '').toLowerCase());
const timeout = (v: string | undefined) => (Number(v) > 0 ? Number(v) : 10_000);

/**
 * SMS from env. SMS_PROVIDER=esms|twilio chooses; unset, eSMS wins when ESMS_API_KEY is set,
 * then Twilio when TWILIO_ACCOUNT_SID is set; otherwise null (SMS stays in the sandbox).
 * eSMS: ESMS_API_KEY, ESMS_SECRET_KEY, ESMS_BRANDNAME, ESMS_SMS_TYPE (default 2), ESMS_SANDBOX,
 * ESMS_CALLBACK_URL, ESMS_BASE_URL. Twilio: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM or
 * TWILIO_MESSAGING_SERVICE_SID, TWILIO_STATUS_CALLBACK_URL, TWILIO_BASE_URL. Both: SMS_TIMEOUT_MS.
 */
export function smsAdapterFromEnv(env: Record<string, string | undefined> = process.env): ChannelAdapter | null {
  const provider = (env.SMS_PROVIDER ?? (env.ESMS_API_KEY ? 'esms' : env.TWILIO_ACCOUNT_SID ? 'twilio' : '')).toLowerCase();
  if (provider === '') return null;
  if (provider === 'esms') {
    const missing = ['ESMS_API_KEY', 'ESMS_SECRET_KEY', 'ESMS_BRANDNAME'].filter((k) => !env[k]);
    if (missing.length > 0) throw new Error(`eSMS needs ${missing.join(', ')}`);
    return createEsmsAdapter({
      apiKey: env.ESMS_API_KEY!,
      secretKey: env.ESMS_SECRET_KEY!,
      brandname: env.ESMS_BRANDNAME!,
      smsType: env.ESMS_SMS_TYPE || '2',
      ...(truthy(env.ESMS_SANDBOX) ? { sandbox: true } : {}),
      ...(env.ESMS_CALLBACK_URL ? { callbackUrl: env.ESMS_CALLBACK_URL } : {}),
      baseUrl: env.ESMS_BASE_URL || ESMS_BASE_URL,
      timeoutMs: timeout(env.SMS_TIMEOUT_MS),
    });
  }
  if (provider === 'twilio') {
    const missing = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'].filter((k) => !env[k]);
    if (missing.length > 0) throw new Error(`Twilio needs ${missing.join(', ')}`);
    return createTwilioAdapter({
      accountSid: env.TWILIO_ACCOUNT_SID!,
      authToken: env.TWILIO_AUTH_TOKEN!,
      ...(env.TWILIO_FROM ? { from: env.TWILIO_FROM } : {}),
      ...(env.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID } : {}),
      ...(env.TWILIO_STATUS_CALLBACK_URL ? { statusCallbackUrl: env.TWILIO_STATUS_CALLBACK_URL } : {}),
      baseUrl: env.TWILIO_BASE_URL || 'https://api.twilio.com',
      timeoutMs: timeout(env.SMS_TIMEOUT_MS),
    });
  }
  throw new Error(`SMS_PROVIDER must be esms or twilio, not ${JSON.stringify(env.SMS_PROVIDER)}`);
}
