// What the runtime gives an action node's implementation. Server-only by convention (exported
// from `@braid/sdk/server`): the canvas never needs it.
import type { CustomerEvent, Json } from './ir';
import type { Channel } from './schemas';

export type AdPlatform = 'facebook' | 'google' | 'zalo';

export type SendMessageInput = {
  channel: Channel;
  /** Already rendered (Liquid applied). `subject` is for email and push titles. */
  subject?: string;
  body: string;
  /** Email preheader, web message placement, push deep link, webhook URL ... per channel. */
  options?: Record<string, Json>;
  /** Same key → same message; retries and replays never send twice. */
  idempotencyKey: string;
};

export type SendMessageResult = {
  messageId: string;
  /** `postponed`: held by a frequency cap or quiet hours and will go out later; `suppressed`: no consent / no address. */
  status: 'sent' | 'queued' | 'postponed' | 'suppressed';
  reason?: string;
};

export type ActionServices = {
  /** Renders a Liquid template with the given variables (customer, entry, journey, voucher ...). */
  renderTemplate(template: string, variables: Record<string, Json>): Promise<string>;
  /**
   * An email designed with blocks: MJML (with Liquid) compiled to responsive HTML and personalised
   * with customer data escaped, and its plain-text part. Optional: a runtime without it sends the plain body.
   */
  renderEmail?(mjml: string, text: string, variables: Record<string, Json>): Promise<{ html: string; text: string }>;
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
  updateProfile(input: { set: Record<string, Json>; unset: string[]; idempotencyKey: string }): Promise<void>;
  changeAudience(input: {
    platform: AdPlatform;
    audience: string;
    operation: 'add' | 'remove';
    idempotencyKey: string;
  }): Promise<void>;
  issueVoucher(input: {
    /** Fixed amount in `currency`, or a percentage off. */
    discount: { kind: 'amount'; amount: number; currency: string } | { kind: 'percent'; percent: number };
    prefix: string;
    /** ISO time. */
    expiresAt: string;
    minOrder?: number;
    idempotencyKey: string;
  }): Promise<{ code: string; expiresAt: string }>;
  createStaffTask(input: {
    kind: 'call' | 'showroomInvite' | 'followUp';
    title: string;
    note: string;
    assignee?: string;
    /** ISO time. */
    dueAt: string;
    idempotencyKey: string;
  }): Promise<{ taskId: string }>;
  log(message: string, details?: Record<string, Json>): void;
};

export type ActionContext<C> = {
  config: C;
  workspaceId: string;
  customer: { id: string; traits: Record<string, Json> };
  entryEvent: CustomerEvent | null;
  journeyId: string;
  version: number;
  nodeId: string;
  /** How many times this enrollment has reached this node (1 on the first visit). */
  visit: number;
  /** Unique per enrollment + node + visit: pass it to every service call. */
  idempotencyKey: string;
  /** Outputs of earlier actions in this enrollment, keyed by their template variable (e.g. `voucher`). */
  variables: Record<string, Json>;
  /** Activity start time (ISO), from the runtime clock. */
  now: string;
  services: ActionServices;
};
