/** How to reach an SMTP relay; from env (SMTP_*) or a workspace's email channel settings. */
export type SmtpSettings = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** Sender, e.g. "Hoa Ban Food <xin-chao@hoaban.vn>". */
  from: string;
  /** Connection, greeting and socket timeouts (ms). */
  timeoutMs?: number;
  /** Only for relays with self-signed certificates inside a trusted network. */
  allowInvalidCertificates?: boolean;
};

export class SmtpSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpSettingsError';
  }
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && value !== '') return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
  return undefined;
}

/** Validates settings from a channel_settings config object; errors name the field. */
export function parseSmtpSettings(input: Record<string, unknown>): SmtpSettings {
  const host = input.host;
  if (typeof host !== 'string' || host === '') throw new SmtpSettingsError('host', 'host is required (the SMTP server name)');
  const from = input.from;
  if (typeof from !== 'string' || !from.includes('@')) throw new SmtpSettingsError('from', 'from must be a sender address like "Shop <hello@shop.vn>"');
  const secure = bool(input.secure) ?? false;
  const rawPort = input.port ?? (secure ? 465 : 587);
  const port = typeof rawPort === 'string' ? Number(rawPort) : rawPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw new SmtpSettingsError('port', 'port must be a whole number between 1 and 65535');
  const user = typeof input.user === 'string' && input.user !== '' ? input.user : undefined;
  const pass = typeof input.pass === 'string' ? input.pass : undefined;
  if (user !== undefined && pass === undefined) throw new SmtpSettingsError('pass', 'pass is required when user is set');
  const timeout = input.timeoutMs === undefined ? undefined : Number(input.timeoutMs);
  if (timeout !== undefined && !(timeout > 0)) throw new SmtpSettingsError('timeoutMs', 'timeoutMs must be a positive number');
  return {
    host,
    port,
    secure,
    from,
    ...(user !== undefined ? { user, pass } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    ...(bool(input.allowInvalidCertificates) ? { allowInvalidCertificates: true } : {}),
  };
}

/** SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, SMTP_FROM; null when SMTP_HOST is unset (email stays in the sandbox). */
export function smtpSettingsFromEnv(env: Record<string, string | undefined> = process.env): SmtpSettings | null {
  if (!env.SMTP_HOST) return null;
  return parseSmtpSettings({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    user: env.SMTP_USER,
    pass: env.SMTP_PASS,
    from: env.SMTP_FROM,
    timeoutMs: env.SMTP_TIMEOUT_MS,
  });
}
