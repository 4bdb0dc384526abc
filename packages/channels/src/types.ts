/** The channels Braid knows out of the box; later channels plug in under their own name. */
export const BUILT_IN_CHANNELS = ['email', 'sms', 'messenger', 'zalo', 'web', 'push', 'webhook'] as const;
export type BuiltInChannel = (typeof BUILT_IN_CHANNELS)[number];

/** A message after personalisation, ready for one channel. Everything an adapter needs, nothing it must look up. */
export type RenderedMessage = {
  channel: string;
  /** Email address, E.164 phone, PSID, Zalo id, push token, webhook URL ... depending on the channel. */
  to: string;
  subject?: string;
  /** Email sender chosen by the step ("Shop" <hello@shop.vn>); the account's sender otherwise. */
  from?: string;
  /** Plain-text body (email text part, SMS text, chat message). */
  body: string;
  html?: string;
  /** Structured content: the JSON body of a webhook, a push or chat payload. */
  payload?: unknown;
  /** Extra email headers, e.g. List-Unsubscribe / List-Unsubscribe-Post for one-click unsubscribe. */
  headers?: Record<string, string>;
  /** Workflow id + node id + visit: the same key never produces two deliveries. */
  idempotencyKey: string;
  customerId: string;
  workspaceId: string;
  /** Journey id, version, node id ... carried through to the outbox and logs. */
  meta: Record<string, unknown>;
};

export type DeliveryError = {
  /** Stable machine code, e.g. SMTP_REJECTED, WEBHOOK_ADDRESS_REFUSED, WEBHOOK_TIMEOUT. */
  code: string;
  /** What happened, in words an operator can act on. */
  message: string;
};

export type DeliveryResult = {
  status: 'sent' | 'failed';
  providerMessageId?: string;
  error?: DeliveryError;
  /** True when trying again later may succeed (4xx SMTP, timeouts, 5xx HTTP); false when it never will. */
  retryable: boolean;
};

export type SendContext = {
  /** Cancels an in-flight send (e.g. Temporal activity cancellation). */
  signal?: AbortSignal;
  /** Clock, injectable for tests; defaults to Date.now. */
  now?: () => number;
};

export type ChannelAdapter = {
  channel: string;
  /** Which implementation this is ("sandbox", "smtp", "webhook" ...), recorded with each send. */
  name: string;
  /** Never throws for delivery problems: they come back as a failed DeliveryResult. */
  send(message: RenderedMessage, ctx?: SendContext): Promise<DeliveryResult>;
  /** Releases connections (SMTP pool ...). */
  close?(): Promise<void>;
};

export const sent = (providerMessageId?: string): DeliveryResult => ({ status: 'sent', providerMessageId, retryable: false });

export const failed = (code: string, message: string, retryable: boolean): DeliveryResult => ({
  status: 'failed',
  error: { code, message },
  retryable,
});
