// Reading and writing consent answers. Every write names its workspace, its source and when the
// customer said it: an older answer arriving late (a replayed event) never overrides a newer one.
import { and, eq, inArray, or, sql, subscriptionGroups, subscriptions, type DbOrTx, type SubscriptionStatus } from '@braid/db';
import { channelScope, channelOfScope } from './scope';

export type ConsentSource =
  | 'admin'
  | 'ingest'
  | 'preference_page'
  | 'one_click'
  | 'sms_stop'
  | 'sms_start'
  | 'messenger_optout'
  | 'messenger_optin'
  | 'zalo_unfollow'
  | 'zalo_follow'
  | 'email_bounce'
  | 'email_complaint'
  | (string & {});

export type ConsentChange = {
  workspaceId: string;
  customerId: string;
  /** A subscription group id, or channelScope(channel). */
  scope: string;
  status: SubscriptionStatus;
  source: ConsentSource;
  at: number;
};

/** Records one answer; false when a newer answer for the same scope is already there. */
export async function recordConsent(db: DbOrTx, change: ConsentChange): Promise<boolean> {
  const rows = await db
    .insert(subscriptions)
    .values({ workspaceId: change.workspaceId, customerId: change.customerId, groupId: change.scope, status: change.status, source: change.source, updatedAt: change.at })
    .onConflictDoUpdate({
      target: [subscriptions.customerId, subscriptions.groupId],
      set: { status: change.status, source: change.source, updatedAt: change.at, workspaceId: change.workspaceId },
      setWhere: sql`excluded.updated_at >= ${subscriptions.updatedAt}`,
    })
    .returning({ id: subscriptions.groupId });
  return rows.length > 0;
}

export type GroupRow = typeof subscriptionGroups.$inferSelect;

export type GroupConsent = {
  group: GroupRow;
  status: SubscriptionStatus;
  /** False when no answer was given and the group's default (opt-in / opt-out) decides. */
  explicit: boolean;
  source: string | null;
  updatedAt: number | null;
};

export type ChannelConsent = { channel: string; status: SubscriptionStatus; source: string; updatedAt: number };

export type CustomerConsent = { groups: GroupConsent[]; channels: ChannelConsent[] };

export const defaultStatus = (group: Pick<GroupRow, 'mode'>): SubscriptionStatus => (group.mode === 'opt_in' ? 'unsubscribed' : 'subscribed');

/**
 * Every group of the workspace (or of `channel`) with the customer's status, and the channel-wide
 * answers they gave. Rows of another workspace are never read: the workspace is part of every filter.
 */
export async function customerConsent(db: DbOrTx, input: { workspaceId: string; customerId: string; channel?: string; groupIds?: string[] }): Promise<CustomerConsent> {
  const groupFilter = [eq(subscriptionGroups.workspaceId, input.workspaceId)];
  if (input.channel) groupFilter.push(eq(subscriptionGroups.channel, input.channel));
  if (input.groupIds) groupFilter.push(inArray(subscriptionGroups.id, input.groupIds.length > 0 ? input.groupIds : ['']));
  const groups = await db.select().from(subscriptionGroups).where(and(...groupFilter)).orderBy(subscriptionGroups.createdAt, subscriptionGroups.id);
  const scopes = groups.map((g) => g.id);
  const answerFilter = input.channel ? inArray(subscriptions.groupId, [...scopes, channelScope(input.channel)]) : or(inArray(subscriptions.groupId, scopes.length > 0 ? scopes : ['']), sql`${subscriptions.groupId} LIKE 'channel:%'`);
  const answers = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, input.workspaceId), eq(subscriptions.customerId, input.customerId), answerFilter));
  return consentFromRows(groups, answers);
}

export type AnswerRow = { groupId: string; status: SubscriptionStatus; source: string; updatedAt: number };

/** The customer's consent from rows already read (the send path reads them in its one query). */
export function consentFromRows(groups: readonly GroupRow[], answers: readonly AnswerRow[]): CustomerConsent {
  const byScope = new Map(answers.map((a) => [a.groupId, a]));
  return {
    groups: groups.map((group) => {
      const answer = byScope.get(group.id);
      return answer
        ? { group, status: answer.status, explicit: true, source: answer.source, updatedAt: answer.updatedAt }
        : { group, status: defaultStatus(group), explicit: false, source: null, updatedAt: null };
    }),
    channels: answers.flatMap((a) => {
      const channel = channelOfScope(a.groupId);
      return channel ? [{ channel, status: a.status, source: a.source, updatedAt: a.updatedAt }] : [];
    }),
  };
}
