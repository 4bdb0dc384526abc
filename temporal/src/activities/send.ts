// The one place a journey sends from: recipient, personalisation, frequency cap and quiet hours,
// an idempotency key in `messages`, then the channel adapter. Retries and replays never send twice.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, messages, newId, stepLog } from '@braid/db';
import { channelScope, consentSignalOfRefusal, listUnsubscribeHeaders, recordConsent, loadChannelSendRules, nextAllowedSendTime, PolicyConfigError, recentSendTimes, type SendDecision } from '@braid/channels';
import type { SendMessageInput, SendMessageResult } from '@braid/sdk/server';
import { consentForSend, unsubscribeLinkFor, type MessageKind } from './consent';
import type { ActivityDeps, EffectContext } from './deps';
import { addressNeeded, recipientFor } from './recipient';

/** Statuses that mean the message left (or reached the sandbox outbox): never send again. */
const DELIVERED = ['sent', 'delivered', 'opened', 'clicked', 'replied'] as const;

/** Statuses a send may still move on from; a receipt that arrived first (delivered, opened ...) is never undone. */
const NOT_YET_SENT = ['queued', 'failed', 'postponed'] as const;

/**
 * Sends one message, or says when it may go out. A delivery failure throws: retryable ones are
 * retried by Temporal with backoff, the others (and the last retry) take the node's failure path.
 */
export type SendOutcome = SendMessageResult & { postponedUntil?: number; skipped?: boolean };

const MARKETING: MessageKind = { transactional: false, groupId: null };

export async function sendMessage(
  deps: ActivityDeps,
  ctx: EffectContext,
  request: SendMessageInput,
  /** Template variables that had no value and rendered empty: recorded with the message. */
  missingVariables: readonly string[] = [],
  /** Transactional or marketing, and its subscription group: what consent applies. */
  kind: MessageKind = MARKETING,
): Promise<SendOutcome> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  const key = request.idempotencyKey;
  const [existing] = await db.select().from(messages).where(eq(messages.idempotencyKey, key)).limit(1);
  if (existing && (DELIVERED as readonly string[]).includes(existing.status)) {
    return { messageId: existing.id, status: 'sent', reason: 'already sent by an earlier attempt' };
  }

  // Consent first, at every attempt: an unsubscribe while the send was postponed or retried still counts.
  const consent = await consentForSend(deps, ctx, key, request.channel, kind, now);
  if (!consent.allowed) {
    if (existing) {
      await db
        .update(messages)
        .set({ status: 'failed', error: consent.reason, updatedAt: now })
        .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    }
    return { messageId: existing?.id ?? '', status: 'suppressed', reason: consent.reason, skipped: true };
  }

  if (!existing) {
    const decision = await sendDecision(deps, ctx, request.channel, now);
    if (decision.allowedAt > now) {
      // Postponed, never dropped: the workflow sleeps until allowedAt and asks again.
      await db
        .insert(stepLog)
        .values({
          id: `${key}:postponed:${decision.allowedAt}`,
          workspaceId: ctx.workspaceId,
          enrollmentId: ctx.enrollmentId,
          journeyId: ctx.journeyId,
          version: ctx.version,
          customerId: ctx.customerId,
          nodeId: ctx.nodeId,
          outcome: 'postponed',
          reason: decision.detail,
          at: now,
        })
        .onConflictDoNothing();
      return { messageId: '', status: 'postponed', reason: decision.detail, postponedUntil: decision.allowedAt };
    }
  }

  const option = (name: string): string | undefined => {
    const v = request.options?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  const explicit = option('to') ?? option('url');
  const recipient = explicit ? { to: explicit } : await recipientFor(deps, ctx, request.channel);
  const to = recipient?.to ?? null;
  const rendered = { subject: request.subject, body: request.body, html: option('html'), payload: withPhone(request.options?.payload, recipient?.phone) };
  const messageId = existing?.id ?? newId(now);
  if (!existing) {
    await db
      .insert(messages)
      .values({
        id: messageId,
        workspaceId: ctx.workspaceId,
        customerId: ctx.customerId,
        journeyId: ctx.journeyId,
        version: ctx.version,
        enrollmentId: ctx.enrollmentId,
        nodeId: ctx.nodeId,
        channel: request.channel,
        idempotencyKey: key,
        recipient: to,
        subject: rendered.subject ?? null,
        body: rendered.body,
        payload: { options: request.options ?? {}, missingVariables: [...missingVariables] },
        status: 'queued',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
  if (!to) {
    const error = `NO_ADDRESS: customer has no ${addressNeeded(request.channel)} to send ${request.channel} to`;
    await db
      .update(messages)
      .set({ status: 'failed', error, updatedAt: now })
      .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    return { messageId, status: 'suppressed', reason: error };
  }

  const adapter = deps.channels.adapterFor(request.channel);
  // RFC 8058 one-click unsubscribe on every marketing email (Gmail and Yahoo require it of bulk senders).
  const unsubscribe = request.channel === 'email' && !kind.transactional ? unsubscribeLinkFor(deps, ctx, request.channel, kind, messageId) : '';
  const result = await deps.channels.send({
    channel: request.channel,
    to,
    subject: rendered.subject,
    body: rendered.body,
    html: rendered.html,
    payload: rendered.payload,
    ...(unsubscribe ? { headers: listUnsubscribeHeaders(unsubscribe) } : {}),
    idempotencyKey: key,
    customerId: ctx.customerId,
    workspaceId: ctx.workspaceId,
    meta: { journeyId: ctx.journeyId, version: ctx.version, nodeId: ctx.nodeId, messageId, adapter: adapter.name },
  });
  const at = (deps.now ?? Date.now)();
  if (result.status === 'sent') {
    await db
      .update(messages)
      .set({ status: 'sent', providerMessageId: result.providerMessageId ?? null, error: null, updatedAt: at })
      // A delivery receipt or an open may land before this update: keep the further status.
      .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    return { messageId, status: 'sent' };
  }
  const error = `${result.error?.code ?? 'SEND_FAILED'}: ${result.error?.message ?? 'the channel refused the message'}`;
  await db
    .update(messages)
    .set({ status: 'failed', error, updatedAt: at })
    .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
  // A hard bounce or a STOP the provider reports: the next marketing send is skipped, not refused again.
  const signal = result.retryable ? null : consentSignalOfRefusal(request.channel, result.error);
  if (signal) await recordConsent(db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, scope: channelScope(request.channel), status: 'unsubscribed', source: signal, at });
  // Temporal retries retryable failures with backoff; after the last attempt, or at once for a
  // permanent refusal, the node's failure path decides (continue, exit, another step).
  if (result.retryable) throw ApplicationFailure.retryable(error, 'SendFailed');
  throw ApplicationFailure.nonRetryable(error, 'SendRefused');
}

/** Zalo ZNS reads the phone from payload.phone; a node that set its own keeps it. */
function withPhone(payload: unknown, phone: string | undefined): unknown {
  if (!phone) return payload;
  if (payload === undefined || payload === null) return { phone };
  if (typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const fields = payload as Record<string, unknown>;
  return typeof fields.phone === 'string' && fields.phone ? payload : { ...fields, phone };
}

/** The workspace's quiet hours and every frequency cap of the channel, combined: the latest release wins. */
async function sendDecision(deps: ActivityDeps, ctx: EffectContext, channel: string, now: number): Promise<SendDecision> {
  let rules;
  try {
    rules = await loadChannelSendRules(deps.db, ctx.workspaceId, channel);
  } catch (error) {
    // Broken settings must not block every send forever: send, and say why in the log.
    if (error instanceof PolicyConfigError) return { allowedAt: now, reason: 'allowed', detail: `channel settings ignored: ${error.message}` };
    throw error;
  }
  const caps = rules.frequencyCap.length > 0 ? rules.frequencyCap : [null];
  if (!rules.quietHours && caps[0] === null) return { allowedAt: now, reason: 'allowed', detail: `${channel} send allowed now` };
  const longest = Math.max(0, ...rules.frequencyCap.map((c) => c.periodMs));
  const recent = longest > 0 ? await recentSendTimes(deps.db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, channel, since: now - longest }) : [];
  const timezone = typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : (rules.timezone ?? null);
  let decision: SendDecision = { allowedAt: now, reason: 'allowed', detail: `${channel} send allowed now` };
  // Each cap may push the time later; a few rounds settle it (moving later never adds sends).
  for (let round = 0; round < 5; round++) {
    const before = decision.allowedAt;
    for (const cap of caps) {
      const next = nextAllowedSendTime({
        now: decision.allowedAt,
        channel,
        customerTimezone: timezone,
        quietHours: rules.quietHours,
        frequencyCap: cap,
        recentSendTimes: recent,
      });
      if (next.allowedAt > decision.allowedAt) decision = next;
    }
    if (decision.allowedAt === before) break;
  }
  return decision;
}
