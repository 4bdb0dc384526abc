// The shop's mailbox for the runtime tests' email steps: a real SMTP server on 127.0.0.1 and a
// stack whose worker sends email through it, so a test reads what the customer would find in
// their inbox (or, with a server refusing every recipient, what a hard bounce does).
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createChannels, createDbOutboxStore, createSmtpAdapter } from '@braid/channels';
import { startStack, type Stack } from './harness';

export type StackWithMailbox = {
  stack: Stack;
  /** Every email the SMTP server accepted, in order of arrival. */
  received: ParsedMail[];
  stop(): Promise<void>;
};

/**
 * The stack (a journey day lasts a second) with an in-process worker sending email through a
 * real SMTP server. With `trackingSecret` the worker signs links and one-click unsubscribes, and
 * the API checks them with the same secret, as in production. `refuseRecipients` makes the server
 * answer every recipient with 550.
 */
export async function startStackWithMailbox(options: { trackingSecret?: string; refuseRecipients?: boolean } = {}): Promise<StackWithMailbox> {
  const received: ParsedMail[] = [];
  const savedSecret = process.env.BRAID_TRACKING_SECRET;
  if (options.trackingSecret) process.env.BRAID_TRACKING_SECRET = options.trackingSecret;
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => void simpleParser(stream).then((mail) => (received.push(mail), callback()), callback),
    ...(options.refuseRecipients
      ? {
          onRcptTo(address, _session, callback) {
            callback(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
          },
        }
      : {}),
  });
  let stack: Stack | undefined;
  const stop = async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (savedSecret === undefined) delete process.env.BRAID_TRACKING_SECRET;
    else process.env.BRAID_TRACKING_SECRET = savedSecret;
  };
  try {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    stack = await startStack({ timeScale: 1 / 86_400 });
    const channels = createChannels({
      outbox: createDbOutboxStore(stack.db.db),
      adapters: { email: createSmtpAdapter({ host: '127.0.0.1', port, secure: false, from: 'Hoa Ban Food <shop@hoaban.vn>', timeoutMs: 5_000 }) },
      ...(options.trackingSecret ? { tracking: { secret: options.trackingSecret, baseUrl: stack.api.url } } : {}),
    });
    await stack.startWorker('inProcess', { channels });
    return { stack, received, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A raw header line of a received email, unfolded (a long List-Unsubscribe is folded onto the next line). */
export const headerOf = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((l) => l.key === name)?.line.slice(name.length + 1).replace(/\r?\n/g, '').trim();
