// One place that writes a batch of consent answers for one customer of one workspace: every
// group named must be the workspace's, or nothing is written.
import { and, eq, inArray, subscriptionGroups, type Db } from '@braid/db';
import { channelScope, recordConsent, type ConsentSource } from '@braid/channels';
import type { SubscriptionStatus } from '@braid/db';
import { ApiError } from '../errors';

export type ConsentBatch = {
  workspaceId: string;
  customerId: string;
  groups: Record<string, SubscriptionStatus>;
  channels: Record<string, SubscriptionStatus>;
  source: ConsentSource;
  at: number;
  /** Field path prefix for refusals, e.g. 'groups' or 'group'. */
  field?: string;
};

export async function writeConsent(db: Db, batch: ConsentBatch): Promise<void> {
  const ids = Object.keys(batch.groups);
  const known = ids.length
    ? await db.select({ id: subscriptionGroups.id }).from(subscriptionGroups).where(and(eq(subscriptionGroups.workspaceId, batch.workspaceId), inArray(subscriptionGroups.id, ids)))
    : [];
  const unknown = ids.filter((id) => !known.some((k) => k.id === id));
  if (unknown.length > 0) {
    const field = batch.field ?? 'groups';
    throw new ApiError(
      422,
      'unknown_group',
      `No subscription group ${unknown.join(', ')} in this workspace`,
      unknown.map((id) => ({ field: `${field}.${id}`, message: 'is not a subscription group of this workspace' })),
    );
  }
  await db.transaction(async (tx) => {
    for (const [id, status] of Object.entries(batch.groups)) await recordConsent(tx, { workspaceId: batch.workspaceId, customerId: batch.customerId, scope: id, status, source: batch.source, at: batch.at });
    for (const [channel, status] of Object.entries(batch.channels))
      await recordConsent(tx, { workspaceId: batch.workspaceId, customerId: batch.customerId, scope: channelScope(channel), status, source: batch.source, at: batch.at });
  });
}
