import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpAdapter, listUnsubscribeHeaders, parseSmtpSettings, renderMessage, smtpSettingsFromEnv, type RenderedMessage } from '../src/index';

type Started = { port: number; received: ParsedMail[]; envelopes: string[][]; close: () => Promise<void> };
const servers: Started[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<Started> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch(callback);
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const started = { port, received, envelopes, close: () => new Promise<void>((r) => server.close(() => r())) };
  servers.push(started);
  return started;
}

const message = (over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'email',
  to: 'toan@example.vn',
  subject: 'Hello',
  body: 'Hello',
  idempotencyKey: 'journey:j1:customer:c1/send-email/1',
  customerId: 'c1',
  workspaceId: 'w1',
  meta: {},
  ...over,
});

describe('email over SMTP', () => {
  it('delivers a personalised Vietnamese message with text and HTML parts', async () => {
    const smtp = await startSmtp();
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Hoa Ban Food <xin-chao@hoaban.vn>' });
    const content = await renderMessage(
      {
        subject: '{{ customer.first_name }} ơi, giỏ hàng của bạn vẫn đang chờ 🛒',
        body: 'Chào {{ customer.first_name }}, đơn {{ cart.total | vnd }} được giảm với mã {{ voucher.code }}.',
        html: '<p>Chào <b>{{ customer.first_name }}</b>, đơn {{ cart.total | vnd }}</p>',
      },
      { customer: { first_name: 'Toản' }, cart: { total: 1_700_000 }, voucher: { code: 'HOABAN50' } },
    );
    const result = await adapter.send(message({ subject: content.subject, body: content.body, html: content.html }));
    await adapter.close?.();

    expect(result).toMatchObject({ status: 'sent', retryable: false });
    expect(result.providerMessageId).toMatch(/^<[0-9a-f]{32}@hoaban\.vn>$/);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe('Toản ơi, giỏ hàng của bạn vẫn đang chờ 🛒');
    expect(mail.from?.value[0]).toMatchObject({ address: 'xin-chao@hoaban.vn', name: 'Hoa Ban Food' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe('toan@example.vn');
    expect(smtp.envelopes[0]).toEqual(['toan@example.vn']);
    expect(mail.text?.trim()).toBe('Chào Toản, đơn 1.700.000 ₫ được giảm với mã HOABAN50.');
    expect(mail.html).toContain('<b>Toản</b>, đơn 1.700.000 ₫');
    expect(mail.messageId).toBe(result.providerMessageId);
    expect(mail.headers.get('x-braid-idempotency-key')).toBe('journey:j1:customer:c1/send-email/1');
  });

  it('carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) when the message has them', async () => {
    const smtp = await startSmtp();
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Hoa Ban Food <xin-chao@hoaban.vn>' });
    const url = 'https://braid.hoaban.vn/t/u/u1.abc.def';
    const result = await adapter.send(message({ headers: listUnsubscribeHeaders(url) }));
    await adapter.close?.();
    expect(result.status).toBe('sent');
    const mail = smtp.received[0]!;
    // Read from the raw header lines: mailparser folds every List-* header into one `list` object.
    const line = (name: string) => mail.headerLines.find((l) => l.key === name)?.line;
    expect(line('list-unsubscribe')).toBe(`List-Unsubscribe: <${url}>`);
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headers.get('x-braid-idempotency-key')).toBe('journey:j1:customer:c1/send-email/1');
  });

  it('the same idempotency key gives the same Message-ID', async () => {
    const smtp = await startSmtp();
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn' });
    const a = await adapter.send(message());
    const b = await adapter.send(message());
    const c = await adapter.send(message({ idempotencyKey: 'other' }));
    await adapter.close?.();
    expect(a.providerMessageId).toBe(b.providerMessageId);
    expect(c.providerMessageId).not.toBe(a.providerMessageId);
  });

  it('550 on RCPT is a permanent failure', async () => {
    const smtp = await startSmtp({
      onRcptTo(address, _session, callback) {
        callback(address.address === 'nobody@example.vn' ? smtpError('5.1.1 mailbox does not exist', 550) : undefined);
      },
    });
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn' });
    const result = await adapter.send(message({ to: 'nobody@example.vn' }));
    await adapter.close?.();
    expect(result).toMatchObject({ status: 'failed', retryable: false, error: { code: 'SMTP_REJECTED' } });
    expect(result.error?.message).toMatch(/550/);
    expect(result.error?.message).toMatch(/mailbox does not exist/);
    expect(smtp.received).toHaveLength(0);
  });

  it('450 (mailbox busy, greylisting) is transient', async () => {
    const smtp = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('4.2.0 try again later', 450));
      },
    });
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn' });
    const result = await adapter.send(message());
    await adapter.close?.();
    expect(result).toMatchObject({ status: 'failed', retryable: true, error: { code: 'SMTP_DEFERRED' } });
  });

  it('a refused message at DATA (554) is permanent', async () => {
    const smtp = await startSmtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('5.7.1 message rejected as spam', 554)));
      },
    });
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn' });
    const result = await adapter.send(message());
    await adapter.close?.();
    expect(result).toMatchObject({ status: 'failed', retryable: false, error: { code: 'SMTP_REJECTED' } });
  });

  it('wrong credentials (535) are permanent; right ones deliver', async () => {
    const smtp = await startSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'hoaban' && auth.password === 'đúng-mật-khẩu') callback(null, { user: auth.username });
        else callback(smtpError('5.7.8 authentication failed', 535));
      },
    });
    const settings = { host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn', user: 'hoaban' };
    const bad = createSmtpAdapter({ ...settings, pass: 'sai' });
    const badResult = await bad.send(message());
    await bad.close?.();
    expect(badResult).toMatchObject({ status: 'failed', retryable: false, error: { code: 'SMTP_AUTH_FAILED' } });

    const good = createSmtpAdapter({ ...settings, pass: 'đúng-mật-khẩu' });
    expect(await good.send(message())).toMatchObject({ status: 'sent' });
    await good.close?.();
    expect(smtp.received).toHaveLength(1);
  });

  it('a server that is not there is transient', async () => {
    const smtp = await startSmtp();
    await smtp.close();
    servers.splice(servers.indexOf(smtp), 1);
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'shop@hoaban.vn', timeoutMs: 5_000 });
    const result = await adapter.send(message());
    await adapter.close?.();
    expect(result).toMatchObject({ status: 'failed', retryable: true, error: { code: 'SMTP_UNREACHABLE' } });
  });

  it('a customer without an email address fails permanently without connecting', async () => {
    const adapter = createSmtpAdapter({ host: '127.0.0.1', port: 9, secure: false, from: 'shop@hoaban.vn' });
    expect(await adapter.send(message({ to: '' }))).toMatchObject({ status: 'failed', retryable: false });
  });
});

describe('SMTP settings', () => {
  it('reads env and channel settings, naming the bad field', () => {
    expect(smtpSettingsFromEnv({})).toBeNull();
    expect(smtpSettingsFromEnv({ SMTP_HOST: 'smtp.hoaban.vn', SMTP_PORT: '465', SMTP_SECURE: 'true', SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'shop@hoaban.vn' })).toEqual({
      host: 'smtp.hoaban.vn',
      port: 465,
      secure: true,
      user: 'u',
      pass: 'p',
      from: 'shop@hoaban.vn',
    });
    expect(parseSmtpSettings({ host: 'smtp.hoaban.vn', from: 'shop@hoaban.vn' }).port).toBe(587);
    expect(() => parseSmtpSettings({ host: 'x', from: 'shop@hoaban.vn', port: 70000 })).toThrow(/port/);
    expect(() => parseSmtpSettings({ from: 'shop@hoaban.vn' })).toThrow(/host/);
    expect(() => parseSmtpSettings({ host: 'x', from: 'nobody' })).toThrow(/from/);
  });
});
