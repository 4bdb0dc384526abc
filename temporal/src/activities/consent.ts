// Consent at send time: what kind of message a send step declared, the check against the
// customer's answers, and the "skipped" row that puts the reason in the customer's trace.
import { checkConsent, channelScope, consentVerdict, linksForWorkspace, unsubscribeUrl, type ConsentVerdict, type CustomerConsent } from '@braid/channels';
import { stepLog } from '@braid/db';
import type { Json } from '@braid/sdk';
import type { ActivityDeps, EffectContext } from './deps';

export type MessageKind = {
  /** Order updates, payment failed ...: never blocked by marketing opt-outs, no unsubscribe headers. */
  transactional: boolean;
  /** The subscription group the message belongs to; null: any group of its channel. */
  groupId: string | null;
};

/** Read from the send step's config (`messageType`, `subscriptionGroupId`); a step without them is marketing with no group. */
export function messageKindOf(config: Json | undefined): MessageKind {
  const c = config && typeof config === 'object' && !Array.isArray(config) ? config : {};
  const group = typeof c.subscriptionGroupId === 'string' ? c.subscriptionGroupId.trim() : '';
  return { transactional: c.messageType === 'transactional', groupId: group || null };
}

/** The link that unsubscribes this customer from what this message belongs to, signed with the workspace's key; '' when links are off. */
export async function unsubscribeLinkFor(deps: ActivityDeps, ctx: EffectContext, channel: string, kind: MessageKind, messageId?: string): Promise<string> {
  const links = deps.channels.links;
  if (!links) return '';
  return unsubscribeUrl(await linksForWorkspace(links, ctx.workspaceId), { workspaceId: ctx.workspaceId, customerId: ctx.customerId, scope: kind.groupId ?? channelScope(channel), ...(messageId ? { messageId } : {}) });
}

/** Checks consent; a refusal is written to the step log (outcome `skipped`) before it is returned. */
export async function consentForSend(
  deps: ActivityDeps,
  ctx: EffectContext,
  key: string,
  channel: string,
  kind: MessageKind,
  now: number,
  /** The customer's consent when the caller already read it (sendFacts); else it is read here. */
  known?: CustomerConsent,
): Promise<ConsentVerdict> {
  const query = { workspaceId: ctx.workspaceId, customerId: ctx.customerId, channel, groupId: kind.groupId, transactional: kind.transactional };
  const verdict = known ? consentVerdict(known, query) : await checkConsent(deps.db, query);
  if (verdict.allowed) return verdict;
  await deps.db
    .insert(stepLog)
    .values({
      id: `${key}:skipped`,
      workspaceId: ctx.workspaceId,
      enrollmentId: ctx.enrollmentId,
      journeyId: ctx.journeyId,
      version: ctx.version,
      customerId: ctx.customerId,
      nodeId: ctx.nodeId,
      outcome: 'skipped',
      reason: verdict.reason.slice(0, 1_000),
      at: now,
    })
    .onConflictDoNothing();
  return verdict;
}
