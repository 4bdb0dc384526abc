import { audienceMembers, sql, type DbOrTx } from '@braid/db';
import type { AudienceAdapter, AudienceCustomer, AudienceRef } from './types';

/**
 * The default audience "platform": membership is recorded in `audience_members` (who is in which
 * audience since when, and when they left) and nothing leaves the machine. The same table is
 * kept when a real platform is configured, so Braid always knows who it put where.
 */
export function createDbAudienceRecorder(db: DbOrTx, platform: string): AudienceAdapter {
  async function record(audience: AudienceRef, customers: AudienceCustomer[], member: boolean, at: number) {
    for (const customer of customers) {
      await db
        .insert(audienceMembers)
        .values({ workspaceId: audience.workspaceId, audience: audience.name, platform, customerId: customer.customerId, addedAt: at, removedAt: member ? null : at })
        .onConflictDoUpdate({
          target: [audienceMembers.workspaceId, audienceMembers.audience, audienceMembers.platform, audienceMembers.customerId],
          // Re-adding someone who left starts a new membership; adding a member again changes nothing.
          set: member ? { removedAt: null, addedAt: sql`CASE WHEN ${audienceMembers.removedAt} IS NULL THEN ${audienceMembers.addedAt} ELSE ${at} END` } : { removedAt: sql`coalesce(${audienceMembers.removedAt}, ${at})` },
        });
    }
    return { status: 'done' as const, sent: customers.length, skipped: 0 };
  }
  return {
    platform,
    name: 'sandbox',
    add: (audience, customers, ctx) => record(audience, customers, true, (ctx?.now ?? Date.now)()),
    remove: (audience, customers, ctx) => record(audience, customers, false, (ctx?.now ?? Date.now)()),
  };
}
