import { failed, type DeliveryResult } from '../types';

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

// Errors with no SMTP reply code: these are about reaching the server, so later may work.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ETLS', 'EPROXY']);

/**
 * SMTP says itself whether to retry: 4xx replies are temporary, 5xx permanent (RFC 5321 §4.2.1).
 * Without a reply, a connection problem is transient; a message or envelope nodemailer rejects
 * before talking to the server, or a login the server does not support, is permanent.
 */
export function classifySmtpError(error: unknown): DeliveryResult {
  const e = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  const reply = e.response ? ` (server said: ${e.response})` : '';
  const during = e.command ? ` during ${e.command}` : '';
  if (typeof e.responseCode === 'number') {
    const permanent = e.responseCode >= 500;
    const code = e.code === 'EAUTH' ? 'SMTP_AUTH_FAILED' : permanent ? 'SMTP_REJECTED' : 'SMTP_DEFERRED';
    const what = e.code === 'EAUTH' ? 'the SMTP server refused the login' : permanent ? 'the SMTP server refused the message' : 'the SMTP server deferred the message';
    return failed(code, `${what}${during}: ${e.responseCode}${reply || ` ${e.message}`}`, !permanent);
  }
  if (e.code && TRANSIENT_CODES.has(e.code)) return failed('SMTP_UNREACHABLE', `could not talk to the SMTP server (${e.code}): ${e.message}`, true);
  if (e.code === 'EAUTH') return failed('SMTP_AUTH_FAILED', `SMTP login failed: ${e.message}`, false);
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return failed('SMTP_INVALID_MESSAGE', `the message cannot be sent as addressed: ${e.message}`, false);
  return failed('SMTP_ERROR', e.message, true);
}
