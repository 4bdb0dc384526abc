// The consent rule every send obeys, in one place:
// - a transactional message (order update, payment failed) is never blocked by marketing opt-outs;
// - a channel-wide "stop" (unsubscribe link without a group, SMS STOP, Zalo unfollow ...) blocks
//   every marketing message on that channel;
// - a message of a group goes only to customers subscribed to it (explicitly, or by an opt-out
//   group's default);
// - a marketing message without a group needs the customer in at least one group of its channel,
//   when the workspace has any (none: nothing to consent to, the message goes).
import type { DbOrTx } from '@braid/db';
import { customerConsent, type CustomerConsent } from './consent-store';

export type ConsentQuery = {
  workspaceId: string;
  customerId: string;
  channel: string;
  groupId?: string | null;
  transactional?: boolean;
};

export type ConsentVerdict = { allowed: true; detail: string } | { allowed: false; reason: string };

/** Prefix of every refusal, as the step log and the customer's trace show it. */
export const NOT_SUBSCRIBED = 'skipped: not subscribed';

export async function checkConsent(db: DbOrTx, q: ConsentQuery): Promise<ConsentVerdict> {
  if (q.transactional) return { allowed: true, detail: 'transactional: marketing consent does not apply' };
  const consent = await customerConsent(db, { workspaceId: q.workspaceId, customerId: q.customerId, channel: q.channel, ...(q.groupId ? { groupIds: [q.groupId] } : {}) });
  // Groups are looked up with the channel filter off: a group of another channel still answers for itself.
  const named = q.groupId && consent.groups.length === 0 ? await customerConsent(db, { workspaceId: q.workspaceId, customerId: q.customerId, groupIds: [q.groupId] }) : null;
  return consentVerdict(named ? { groups: named.groups, channels: consent.channels } : consent, q);
}

/**
 * The verdict from the customer's consent already read: `consent.groups` holds the named group
 * (whatever its channel) when the message has one, else every group of its channel.
 */
export function consentVerdict(consent: CustomerConsent, q: Pick<ConsentQuery, 'channel' | 'groupId' | 'transactional'>): ConsentVerdict {
  if (q.transactional) return { allowed: true, detail: 'transactional: marketing consent does not apply' };
  const channelStop = consent.channels.find((c) => c.channel === q.channel && c.status === 'unsubscribed');
  if (channelStop) return { allowed: false, reason: `${NOT_SUBSCRIBED}: unsubscribed from all ${q.channel} marketing (${channelStop.source})` };
  if (q.groupId) {
    const named = consent.groups.find((g) => g.group.id === q.groupId);
    if (!named) return { allowed: false, reason: `${NOT_SUBSCRIBED}: subscription group ${q.groupId} does not exist in this workspace` };
    if (named.status !== 'subscribed') {
      const why = named.explicit ? `unsubscribed (${named.source})` : 'opt-in group, never subscribed';
      return { allowed: false, reason: `${NOT_SUBSCRIBED} to "${named.group.name}" (${why})` };
    }
    return { allowed: true, detail: `subscribed to "${named.group.name}"` };
  }
  if (consent.groups.length === 0) return { allowed: true, detail: `no ${q.channel} subscription groups in this workspace` };
  const subscribed = consent.groups.filter((g) => g.status === 'subscribed');
  if (subscribed.length === 0) return { allowed: false, reason: `${NOT_SUBSCRIBED} to any ${q.channel} group (${consent.groups.map((g) => g.group.name).join(', ')})` };
  return { allowed: true, detail: `subscribed to "${subscribed[0]!.group.name}"` };
}
