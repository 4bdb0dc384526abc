// The one place a journey sends from: recipient, personalisation, frequency cap and quiet hours,
// an idempotency key in `messages`, then the channel adapter. Retries and replays never send twice.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, messages, newId } from '@braid/db';
import { admitSend, SANDBOX_PREFIX, channelScope, consentSignalOfRefusal, isQuotaRefusal, listUnsubscribeHeaders, nextLocalMidnight, recordConsent } from '@braid/channels';
import type { SendMessageInput, SendMessageResult } from '@braid/sdk/server';
import { consentForSend, unsubscribeLinkFor, type MessageKind } from './consent';
import type { ActivityDeps, EffectContext } from './deps';
import { addressNeeded, recipientFor } from './recipient';
import { prefetchedFor, sendFacts, type PrefetchedSend } from './send-facts';
import { logPolicyStep, planFor, shapeSend, ZALO_QUOTA_ZONE } from './send-policy';

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
  /** Facts the step read with its customer, used when they are this send's (see customerAndSendFacts). */
  prefetched: PrefetchedSend | null = null,
): Promise<SendOutcome> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  const key = request.idempotencyKey;
  // One read for the idempotency row, consent, addresses and send rules (see send-facts.ts).
  const facts = prefetchedFor(prefetched, ctx, key, request.channel, kind) ?? (await sendFacts(deps, ctx, key, request.channel, kind));
  const existing = facts.existing;
  if (existing && (DELIVERED as readonly string[]).includes(existing.status)) {
    return { messageId: existing.id, status: 'sent', reason: 'already sent by an earlier attempt' };
  }

  // Consent first, at every attempt: an unsubscribe while the send was postponed or retried still counts.
  const consent = await consentForSend(deps, ctx, key, request.channel, kind, now, facts.consent);
  if (!consent.allowed) {
    if (existing) {
      await db
        .update(messages)
        .set({ status: 'failed', error: consent.reason, updatedAt: now })
        .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    }
    return { messageId: existing?.id ?? '', status: 'suppressed', reason: consent.reason, skipped: true };
  }

  const option = (name: string): string | undefined => {
    const v = request.options?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  const explicit = option('to') ?? option('url');
  const recipient = explicit ? { to: explicit } : await recipientFor(deps, ctx, request.channel, facts.identities);
  const to = recipient?.to ?? null;
  const messageId = existing?.id ?? newId(now);

  // The channel's own rules (Messenger window and tags, ZNS templates, Decree 91 marks) before any row.
  const shaped = await shapeSend(deps, ctx, request, kind, recipient, now);
  if (!shaped.go) {
    if (shaped.skip) {
      await logPolicyStep(deps, ctx, key, 'skipped', shaped.reason, now);
      return { messageId: existing?.id ?? '', status: 'suppressed', reason: shaped.reason, skipped: true };
    }
    return { messageId: existing?.id ?? '', status: 'suppressed', reason: shaped.reason };
  }
  const rendered = { subject: request.subject, body: shaped.body, html: option('html'), payload: withPhone(shaped.payload, recipient?.phone) };

  // Quiet hours, caps, Decree 91 and quotas: postponed, never dropped. A row a provider's quota
  // sent back to 'postponed' asks again too.
  if (to && (!existing || existing.status === 'postponed')) {
    let planned = await planFor(deps, ctx, request.channel, kind, shaped, now, { settings: facts.settings, workspaceTimezone: facts.workspaceTimezone, capsAtAdmission: !existing });
    if (planned.plan.allowedAt > now) return postpone(deps, ctx, key, planned.plan.allowedAt, planned.plan.detail, now);
    if (!existing) {
      const row = {
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
        payload: { options: request.options ?? {}, missingVariables: [...missingVariables], policy: shaped.marks },
        status: 'queued' as const,
        createdAt: now,
        updatedAt: now,
      };
      // The check and the count in one statement: a concurrent send that took the last slot wins.
      if ((await admitSend(db, row, planned.admission)) === 'full') {
        planned = await planFor(deps, ctx, request.channel, kind, shaped, now);
        return postpone(deps, ctx, key, Math.max(planned.plan.allowedAt, now + 1_000), planned.plan.allowedAt > now ? planned.plan.detail : 'a concurrent send took the last slot of a cap', now);
      }
    }
  }
  if (!existing && !to) {
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
        recipient: null,
        subject: rendered.subject ?? null,
        body: rendered.body,
        payload: { options: request.options ?? {}, missingVariables: [...missingVariables], policy: shaped.marks },
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
  const unsubscribe = request.channel === 'email' && !kind.transactional ? await unsubscribeLinkFor(deps, ctx, request.channel, kind, messageId) : '';
  const result = await deps.channels.send({
    channel: request.channel,
    to,
    subject: rendered.subject,
    ...(option('from') ? { from: option('from') } : {}),
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
    // The sandbox outbox completes the row itself (status sent, its provider id) in its one write.
    if (result.providerMessageId?.startsWith(SANDBOX_PREFIX)) return { messageId, status: 'sent' };
    await db
      .update(messages)
      .set({ status: 'sent', providerMessageId: result.providerMessageId ?? null, error: null, updatedAt: at })
      // A delivery receipt or an open may land before this update: keep the further status.
      .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    return { messageId, status: 'sent' };
  }
  const error = `${result.error?.code ?? 'SEND_FAILED'}: ${result.error?.message ?? 'the channel refused the message'}`;
  if (isQuotaRefusal(result.error)) {
    // The OA's daily quota is spent: tomorrow (Vietnam time) it asks again, not a retry storm today.
    await db
      .update(messages)
      .set({ status: 'postponed', error, updatedAt: at })
      .where(and(eq(messages.idempotencyKey, key), inArray(messages.status, [...NOT_YET_SENT])));
    return postpone(deps, ctx, key, nextLocalMidnight(at, ZALO_QUOTA_ZONE), `${error}; waits for the next day's quota`, at);
  }
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

/** Postponed, never dropped: the workflow sleeps until `until` and asks again. */
async function postpone(deps: ActivityDeps, ctx: EffectContext, key: string, until: number, detail: string, now: number): Promise<SendOutcome> {
  await logPolicyStep(deps, ctx, key, 'postponed', detail, now, until);
  return { messageId: '', status: 'postponed', reason: detail, postponedUntil: until };
}
