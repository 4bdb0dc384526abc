// Which workspace a provider webhook speaks for. Provider ids (Messenger PSIDs, Zalo user ids,
// message ids) are only unique inside one page / OA / account, so crediting engagement without a
// workspace could hand shop B's message a reply written to shop A.
import { channelSettings, eq, workspaces, type Db } from '@braid/db';

export type WorkspaceResolver = (accountId: string | undefined) => Promise<string | null>;

/**
 * The workspace whose `channel_settings` row for `channel` names `accountId` under one of `keys`
 * (e.g. messenger `pageId`, zalo `oaId`); failing that, the only workspace when there is exactly one.
 * Null when nothing matches or several do: the caller ignores the event rather than guess.
 */
export function workspaceResolver(db: Db, channel: string, keys: string[], log: (line: string) => void): WorkspaceResolver {
  return async (accountId) => {
    if (accountId) {
      const rows = await db.select({ workspaceId: channelSettings.workspaceId, config: channelSettings.config }).from(channelSettings).where(eq(channelSettings.channel, channel));
      const owners = rows.filter((r) => keys.some((k) => String((r.config as Record<string, unknown> | null)?.[k] ?? '') === accountId)).map((r) => r.workspaceId);
      if (owners.length === 1) return owners[0]!;
      if (owners.length > 1) {
        log(`${channel} webhook: ${owners.length} workspaces claim account ${accountId}; event ignored`);
        return null;
      }
    }
    const all = await db.select({ id: workspaces.id }).from(workspaces).limit(2);
    if (all.length === 1) return all[0]!.id;
    log(`${channel} webhook: no workspace has ${keys.join('/')} = ${JSON.stringify(accountId ?? null)} in channel_settings; event ignored`);
    return null;
  };
}
