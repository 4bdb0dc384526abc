// Everything a send decides on, read in one statement: the idempotency row an earlier attempt
// left, the customer's consent for the message's group or channel, the addresses the channel can
// use, the workspace's send rules and zone. Read at every attempt, so an unsubscribe or a settings
// change made a moment ago applies to the very next send (nothing here is cached).
import { CURRENT_TRACKING_KEY_SQL, channelScope, consentFromRows, type AnswerRow, type CustomerConsent, type GroupRow } from '@braid/channels';
import type { MessageStatus } from '@braid/db';
import type { MessageKind } from './consent';
import type { ActivityDeps, EffectContext } from './deps';
import type { CustomerRow } from './effect-context';
import { identityTypesFor, type IdentityRow } from './recipient';

export type SettingsRow = { channel: string; frequencyCap: unknown; quietHours: unknown };

export type SendFacts = {
  existing: { id: string; status: MessageStatus } | null;
  /** The named group (whatever its channel) or every group of the channel, with the customer's answers. */
  consent: CustomerConsent;
  identities: IdentityRow[];
  /** channel_settings rows of the channel and of the whole workspace ("*"). */
  settings: SettingsRow[];
  workspaceTimezone: string | null;
  /** The workspace's current tracking key id (null: none yet), so links are signed with the key of this moment. */
  trackingKeyId: string | null;
};

// The groups that answer for this message: the named one, else the channel's. Text kept constant
// (arguments by name, identity types as a json array) so the prepared statement is reused.
const GROUPS = `SELECT * FROM subscription_groups WHERE workspace_id = :ws AND (CASE WHEN :grp IS NULL THEN channel = :channel ELSE id = :grp END)`;

const FACTS = `
  (SELECT json_object('id', id, 'status', status) FROM messages WHERE idempotency_key = :key LIMIT 1) AS existing,
  (SELECT json_group_array(json_object('id', id, 'workspaceId', workspace_id, 'name', name, 'channel', channel, 'mode', mode, 'description', description, 'createdAt', created_at))
     FROM (${GROUPS} ORDER BY created_at, id)) AS groups,
  (SELECT json_group_array(json_object('groupId', group_id, 'status', status, 'source', source, 'updatedAt', updated_at))
     FROM subscriptions WHERE workspace_id = :ws AND customer_id = :customer AND (group_id = :scope OR group_id IN (SELECT id FROM (${GROUPS})))) AS answers,
  (SELECT json_group_array(json_object('type', type, 'value', value))
     FROM customer_identities WHERE workspace_id = :ws AND customer_id = :customer AND type IN (SELECT value FROM json_each(:types))) AS identities,
  (SELECT json_group_array(json_object('channel', channel, 'frequencyCap', frequency_cap, 'quietHours', quiet_hours))
     FROM channel_settings WHERE workspace_id = :ws AND channel IN (:channel, '*')) AS settings,
  (SELECT timezone FROM workspaces WHERE id = :ws) AS timezone,
  (${CURRENT_TRACKING_KEY_SQL}) AS tracking_key`;
const SEND_FACTS = `SELECT ${FACTS}`;
// The step's customer read in the same statement: a send step makes one read before it renders.
export const CUSTOMER_AND_SEND_FACTS = `SELECT
  (SELECT merged_into FROM customers WHERE id = :customer) AS merged_into,
  (SELECT traits FROM customers WHERE id = :customer) AS traits, ${FACTS}`;

const list = <T>(value: unknown): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : []);
// Settings json is stored as text: parsed here as the schema's json columns would parse it.
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

type Who = { workspaceId: string; customerId: string };

const argsFor = (who: Who, key: string, channel: string, kind: MessageKind) => ({
  key,
  ws: who.workspaceId,
  customer: who.customerId,
  channel,
  grp: kind.groupId,
  scope: channelScope(channel),
  types: JSON.stringify(identityTypesFor(channel)),
});

export async function sendFacts(deps: ActivityDeps, ctx: EffectContext, key: string, channel: string, kind: MessageKind): Promise<SendFacts> {
  const result = await deps.db.$client.execute({ sql: SEND_FACTS, args: argsFor(ctx, key, channel, kind) });
  return factsOf(result.rows[0]!);
}

/** What a send step read before it ran: valid for the one send it was read for (same key, channel, kind and customer). */
export type PrefetchedSend = { key: string; channel: string; kind: MessageKind; customerId: string; facts: SendFacts };

/**
 * The customer row and the send facts of the message the step is about to send, in one statement.
 * Read at the start of the attempt, like sendFacts, so nothing here outlives the attempt.
 */
export async function customerAndSendFacts(deps: ActivityDeps, who: Who, key: string, channel: string, kind: MessageKind): Promise<{ customer: CustomerRow; send: PrefetchedSend }> {
  const result = await deps.db.$client.execute({ sql: CUSTOMER_AND_SEND_FACTS, args: argsFor(who, key, channel, kind) });
  const row = result.rows[0]!;
  return { customer: { merged_into: row.merged_into, traits: row.traits }, send: { key, channel, kind, customerId: who.customerId, facts: factsOf(row) } };
}

/** The prefetched facts when they answer this very send, else null (read again). */
export function prefetchedFor(prefetched: PrefetchedSend | null, ctx: EffectContext, key: string, channel: string, kind: MessageKind): SendFacts | null {
  if (!prefetched) return null;
  const same = prefetched.key === key && prefetched.channel === channel && prefetched.customerId === ctx.customerId && prefetched.kind.groupId === kind.groupId && prefetched.kind.transactional === kind.transactional;
  return same ? prefetched.facts : null;
}

function factsOf(row: Record<string, unknown>): SendFacts {
  const existing = typeof row.existing === 'string' ? (JSON.parse(row.existing) as SendFacts['existing']) : null;
  const settings = list<{ channel: string; frequencyCap: unknown; quietHours: unknown }>(row.settings).map((s) => ({ channel: s.channel, frequencyCap: json(s.frequencyCap), quietHours: json(s.quietHours) }));
  return {
    existing,
    consent: consentFromRows(list<GroupRow>(row.groups), list<AnswerRow>(row.answers)),
    identities: list<IdentityRow>(row.identities),
    settings,
    workspaceTimezone: typeof row.timezone === 'string' ? row.timezone : null,
    trackingKeyId: typeof row.tracking_key === 'string' ? row.tracking_key : null,
  };
}
