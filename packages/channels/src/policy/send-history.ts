import { and, channelSettings, eq, gte, inArray, messages, type DbOrTx } from '@braid/db';
import { sendRulesFromChannelSettings, type ChannelSendRules } from './channel-settings';

/** Statuses that mean the customer was actually reached; queued/failed/postponed do not count against a cap. */
const COUNTED = ['sent', 'delivered', 'opened', 'clicked', 'replied'] as const;

/** When this customer was sent to on this channel since `since`, for the frequency cap. */
export async function recentSendTimes(
  db: DbOrTx,
  q: { workspaceId: string; customerId: string; channel: string; since: number },
): Promise<number[]> {
  const rows = await db
    .select({ at: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, q.workspaceId),
        eq(messages.customerId, q.customerId),
        eq(messages.channel, q.channel),
        gte(messages.createdAt, q.since),
        inArray(messages.status, [...COUNTED]),
      ),
    );
  return rows.map((r) => r.at);
}

/** The workspace's quiet hours and caps for a channel; none configured means none apply. */
export async function loadChannelSendRules(db: DbOrTx, workspaceId: string, channel: string): Promise<ChannelSendRules> {
  const [row] = await db
    .select({ frequencyCap: channelSettings.frequencyCap, quietHours: channelSettings.quietHours })
    .from(channelSettings)
    .where(and(eq(channelSettings.workspaceId, workspaceId), eq(channelSettings.channel, channel)));
  return sendRulesFromChannelSettings(row);
}
