import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { failed, sent, type ChannelAdapter } from '../types';
import { classifySmtpError } from './classify-smtp-error';
import type { SmtpSettings } from './smtp-settings';

function domainOf(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'braid.local';
}

/**
 * Email over SMTP with nodemailer: a text part and, when rendered, an HTML part. The Message-ID
 * is derived from the idempotency key, so a resend after a lost acknowledgement carries the same
 * id and receiving systems can drop the duplicate.
 */
export function createSmtpAdapter(settings: SmtpSettings): ChannelAdapter {
  const timeout = settings.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(settings.allowInvalidCertificates ? { tls: { rejectUnauthorized: false } } : {}),
  });
  const domain = domainOf(settings.from);
  return {
    channel: 'email',
    name: 'smtp',
    async send(message) {
      if (!message.to) return failed('SMTP_INVALID_MESSAGE', 'the customer has no email address', false);
      const messageId = `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
      try {
        const info = await transport.sendMail({
          from: message.from || settings.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          ...(message.html !== undefined ? { html: message.html } : {}),
          messageId,
          headers: { ...message.headers, 'X-Braid-Idempotency-Key': message.idempotencyKey },
        });
        const rejected = [...(info.rejected ?? [])].map(String);
        if (rejected.length > 0) return failed('SMTP_REJECTED', `the SMTP server refused ${rejected.join(', ')}: ${info.response}`, false);
        return sent(info.messageId || messageId);
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
