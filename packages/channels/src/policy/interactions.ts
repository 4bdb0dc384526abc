// When a customer last wrote to the workspace's Messenger page or Zalo OA, by channel address:
// the start of the window in which the page / OA may answer freely.
import { and, channelInteractions, eq, sql, type DbOrTx } from '@braid/db';

export async function recordInbound(db: DbOrTx, input: { workspaceId: string; channel: string; address: string; at: number }): Promise<void> {
  await db
    .insert(channelInteractions)
    .values({ workspaceId: input.workspaceId, channel: input.channel, address: input.address, lastInboundAt: input.at })
    // Webhooks arrive out of order: the window runs from the latest message, never an older one.
    .onConflictDoUpdate({
      target: [channelInteractions.workspaceId, channelInteractions.channel, channelInteractions.address],
      set: { lastInboundAt: sql`max(${channelInteractions.lastInboundAt}, excluded.last_inbound_at)` },
    });
}

export async function lastInboundAt(db: DbOrTx, q: { workspaceId: string; channel: string; address: string }): Promise<number | null> {
  const [row] = await db
    .select({ at: channelInteractions.lastInboundAt })
    .from(channelInteractions)
    .where(and(eq(channelInteractions.workspaceId, q.workspaceId), eq(channelInteractions.channel, q.channel), eq(channelInteractions.address, q.address)))
    .limit(1);
  return row?.at ?? null;
}
