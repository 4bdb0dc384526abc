// A workspace's send rules for one channel: its own row in channel_settings, then the
// workspace-wide row (channel "*": quiet hours for every marketing channel, caps across channels).
import { and, channelSettings, eq, inArray, workspaces, type DbOrTx } from '@braid/db';
import { sendRulesFromChannelSettings } from './channel-settings';
import type { FrequencyCap } from './frequency-cap';
import type { QuietHours } from './quiet-hours';

/** The channel_settings row that holds what applies to every channel of a workspace. */
export const WORKSPACE_WIDE = '*';

/** Quiet hours a new workspace starts with, in the customer's zone, for every marketing channel. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: '21:00', to: '08:00' };

/** The row createWorkspace writes so new workspaces keep quiet at night from the first send. */
export const defaultWorkspaceSendRules = (workspaceId: string) => ({
  workspaceId,
  channel: WORKSPACE_WIDE,
  config: {},
  frequencyCap: [],
  quietHours: { start: DEFAULT_QUIET_HOURS.from, end: DEFAULT_QUIET_HOURS.to },
});

export type SendRules = {
  quietHours: QuietHours | null;
  channelCaps: FrequencyCap[];
  /** Caps counted across every channel (marketing sends only). */
  workspaceCaps: FrequencyCap[];
  /** For customers whose profile has no zone: the settings' zone, else the workspace's. */
  timezone: string | null;
};

/** Throws PolicyConfigError naming the field when a stored row is malformed. */
export async function loadSendRules(db: DbOrTx, workspaceId: string, channel: string): Promise<SendRules> {
  const rows = await db
    .select({ channel: channelSettings.channel, frequencyCap: channelSettings.frequencyCap, quietHours: channelSettings.quietHours })
    .from(channelSettings)
    .where(and(eq(channelSettings.workspaceId, workspaceId), inArray(channelSettings.channel, [channel, WORKSPACE_WIDE])));
  const [ws] = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return sendRulesFromRows(rows, channel, ws?.timezone ?? null);
}

/** The rules from the channel's and the workspace-wide rows already read (the send path reads them in its one query). */
export function sendRulesFromRows(rows: readonly { channel: string; frequencyCap?: unknown; quietHours?: unknown }[], channel: string, workspaceTimezone: string | null): SendRules {
  const own = sendRulesFromChannelSettings(rows.find((r) => r.channel === channel));
  const wide = sendRulesFromChannelSettings(rows.find((r) => r.channel === WORKSPACE_WIDE));
  return {
    // A channel's own quiet hours replace the workspace's ("00:00"–"00:00" turns them off for it).
    quietHours: own.quietHours ?? wide.quietHours,
    channelCaps: own.frequencyCap,
    workspaceCaps: wide.frequencyCap,
    timezone: own.timezone ?? wide.timezone ?? workspaceTimezone,
  };
}
