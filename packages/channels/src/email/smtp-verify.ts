import nodemailer from 'nodemailer';
import type { SmtpSettings } from './smtp-settings';

/** "Check connection": connects, greets and authenticates, sends nothing. */
export async function verifySmtp(settings: SmtpSettings): Promise<{ ok: boolean; message: string }> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    connectionTimeout: settings.timeoutMs ?? 10_000,
    greetingTimeout: settings.timeoutMs ?? 10_000,
    socketTimeout: settings.timeoutMs ?? 10_000,
    ...(settings.allowInvalidCertificates ? { tls: { rejectUnauthorized: false } } : {}),
  });
  try {
    await transport.verify();
    return { ok: true, message: `connected to ${settings.host}:${settings.port}${settings.user ? ` as ${settings.user}` : ''}` };
  } catch (error) {
    return { ok: false, message: `${settings.host}:${settings.port}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    transport.close();
  }
}
