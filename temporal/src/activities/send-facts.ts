// Everything a send decides on, read in one statement: the idempotency row an earlier attempt
// left, the customer's consent for the message's group or channel, the addresses the channel can
// use, the workspace's send rules and zone. Read at every attempt, so an unsubscribe or a settings
// change made a moment ago applies to the very next send (nothing here is cached).
import { channelScope, consentFromRows, type AnswerRow, type CustomerConsent, type GroupRow } from '@braid/channels';
import type { MessageStatus } from '@braid/db';
import type { MessageKind } from './consent';
import type { ActivityDeps, EffectContext } from './deps';
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
};

// The groups that answer for this message: the named one, else the channel's. Text kept constant
// (arguments by name, identity types as a json array) so the prepared statement is reused.
const GROUPS = `SELECT * FROM subscription_groups WHERE workspace_id = :ws AND (CASE WHEN :grp IS NULL THEN channel = :channel ELSE id = :grp END)`;

const SEND_FACTS = `SELECT
  (SELECT json_object('id', id, 'status', status) FROM messages WHERE idempotency_key = :key LIMIT 1) AS existing,
  (SELECT json_group_array(json_object('id', id, 'workspaceId', workspace_id, 'name', name, 'channel', channel, 'mode', mode, 'description', description, 'createdAt', created_at))
     FROM (${GROUPS} ORDER BY created_at, id)) AS groups,
  (SELECT json_group_array(json_object('groupId', group_id, 'status', status, 'source', source, 'updatedAt', updated_at))
     FROM subscriptions WHERE workspace_id = :ws AND customer_id = :customer AND (group_id = :scope OR group_id IN (SELECT id FROM (${GROUPS})))) AS answers,
  (SELECT json_group_array(json_object('type', type, 'value', value))
     FROM customer_identities WHERE workspace_id = :ws AND customer_id = :customer AND type IN (SELECT value FROM json_each(:types))) AS identities,
  (SELECT json_group_array(json_object('channel', channel, 'frequencyCap', frequency_cap, 'quietHours', quiet_hours))
     FROM channel_settings WHERE workspace_id = :ws AND channel IN (:channel, '*')) AS settings,
  (SELECT timezone FROM workspaces WHERE id = :ws) AS timezone`;

const list = <T>(value: unknown): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : []);
// Settings json is stored as text: parsed here as the schema's json columns would parse it.
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

export async function sendFacts(deps: ActivityDeps, ctx: EffectContext, key: string, channel: string, kind: MessageKind): Promise<SendFacts> {
  const result = await deps.db.$client.execute({
    sql: SEND_FACTS,
    args: {
      key,
      ws: ctx.workspaceId,
      customer: ctx.customerId,
      channel,
      grp: kind.groupId,
      scope: channelScope(channel),
      types: JSON.stringify(identityTypesFor(channel)),
    },
  });
  const row = result.rows[0]!;
  const existing = typeof row.existing === 'string' ? (JSON.parse(row.existing) as SendFacts['existing']) : null;
  const settings = list<{ channel: string; frequencyCap: unknown; quietHours: unknown }>(row.settings).map((s) => ({ channel: s.channel, frequencyCap: json(s.frequencyCap), quietHours: json(s.quietHours) }));
  return {
    existing,
    consent: consentFromRows(list<GroupRow>(row.groups), list<AnswerRow>(row.answers)),
    identities: list<IdentityRow>(row.identities),
    settings,
    workspaceTimezone: typeof row.timezone === 'string' ? row.timezone : null,
  };
}
