// Engagement recorded on a message's row: the status only moves forward
// (sent → delivered → opened → clicked → replied), so a late "delivered" receipt never hides a
// click. The "engaged with a message" and "best channel" conditions read these statuses.
import { and, desc, eq, gte, inArray, lte, messages, type DbOrTx, type MessageStatus } from '@braid/db';

export type Engagement = 'delivered' | 'opened' | 'clicked' | 'replied';

const RANK: Record<MessageStatus, number> = { queued: 0, postponed: 0, failed: 0, sent: 1, delivered: 2, opened: 3, clicked: 4, replied: 5 };
const ALL = Object.keys(RANK) as MessageStatus[];

/** Statuses a message may move from to reach `status`. Proof of engagement also proves delivery, so failed and queued count as before. */
export const statusesBefore = (status: Engagement): MessageStatus[] => ALL.filter((s) => RANK[s] < RANK[status]);

/**
 * Marks one message (by its row id); true when the status moved. With `workspaceId` (a link
 * signed with that workspace's key) only a message of that workspace moves: one shop's key
 * cannot mark another shop's message.
 */
export async function recordEngagement(db: DbOrTx, input: { messageId: string; status: Engagement; at: number; workspaceId?: string }): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ status: input.status, updatedAt: input.at })
    .where(
      and(
        eq(messages.id, input.messageId),
        inArray(messages.status, statusesBefore(input.status)),
        ...(input.workspaceId ? [eq(messages.workspaceId, input.workspaceId)] : []),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

// Provider ids and chat recipients (a Messenger PSID is per page, a Zalo user id per OA) are only
// unique within one workspace's account, so every lookup below is scoped to the workspace the
// webhook was resolved to: two shops messaging the same person never credit each other.

/** Marks messages a provider names by its own ids (Messenger mids, ZNS msg_id, Twilio SIDs) on one channel of one workspace. */
export async function recordEngagementByProviderId(
  db: DbOrTx,
  input: { workspaceId: string; channel: string; providerMessageIds: string[]; status: Engagement; at: number },
): Promise<number> {
  if (input.providerMessageIds.length === 0) return 0;
  const rows = await db
    .update(messages)
    .set({ status: input.status, updatedAt: input.at })
    .where(
      and(
        eq(messages.workspaceId, input.workspaceId),
        eq(messages.channel, input.channel),
        inArray(messages.providerMessageId, input.providerMessageIds),
        inArray(messages.status, statusesBefore(input.status)),
      ),
    )
    .returning({ id: messages.id });
  return rows.length;
}

/**
 * Watermark receipts (Messenger "delivery"/"read" without message ids): every message to this
 * recipient on the channel sent at or before `upTo` moves forward.
 */
export async function recordEngagementUpTo(
  db: DbOrTx,
  input: { workspaceId: string; channel: string; recipient: string; upTo: number; status: Engagement; at: number },
): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ status: input.status, updatedAt: input.at })
    .where(
      and(
        eq(messages.workspaceId, input.workspaceId),
        eq(messages.channel, input.channel),
        eq(messages.recipient, input.recipient),
        lte(messages.createdAt, input.upTo),
        // Only messages that went out: a watermark says nothing about a failed or queued one.
        inArray(messages.status, statusesBefore(input.status).filter((s) => RANK[s] >= RANK.sent)),
      ),
    )
    .returning({ id: messages.id });
  return rows.length;
}

/** A customer wrote back on a chat channel: the latest message we sent them there (within `withinMs`) was replied to. */
export async function recordReply(
  db: DbOrTx,
  input: { workspaceId: string; channel: string; recipient: string; at: number; withinMs?: number },
): Promise<string | null> {
  const since = input.at - (input.withinMs ?? 7 * 24 * 3_600_000);
  const [latest] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, input.workspaceId),
        eq(messages.channel, input.channel),
        eq(messages.recipient, input.recipient),
        gte(messages.createdAt, since),
        inArray(messages.status, ['sent', 'delivered', 'opened', 'clicked']),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (!latest) return null;
  return (await recordEngagement(db, { messageId: latest.id, status: 'replied', at: input.at })) ? latest.id : null;
}
