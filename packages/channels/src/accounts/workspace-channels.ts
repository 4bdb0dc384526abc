// Sends through the workspace's own provider account when it configured one, otherwise through
// the installation's adapter (environment variables: the one-workspace fallback, or the sandbox).
import { and, channelAccounts, eq, inArray, type Db } from '@braid/db';
import type { ChannelRegistry } from '../registry';
import { withEmailTracking } from '../tracking/with-email-tracking';
import { failed, type ChannelAdapter } from '../types';
import { ACCOUNTS_FOR_CHANNEL, adapterForAccount, type AccountKind, type AdapterOptions } from './account-kinds';
import { loadAccount } from './account-store';
import type { SecretKeyring } from './secret-box';

type Cached = { at: number; version: string; adapter: ChannelAdapter | null; error?: string };

/** How long an account lookup is trusted before the row's updated_at is checked again. */
const RECHECK_MS = 5_000;

export function withWorkspaceAccounts(base: ChannelRegistry, options: { db: Db; keyring: SecretKeyring | null; adapters?: AdapterOptions; now?: () => number }): ChannelRegistry {
  const cache = new Map<string, Cached>();
  const now = options.now ?? Date.now;

  async function adapterOf(workspaceId: string, channel: string): Promise<Cached> {
    const kinds = ACCOUNTS_FOR_CHANNEL[channel];
    const key = `${workspaceId}\u0000${channel}`;
    const hit = cache.get(key);
    if (!kinds || !options.keyring) return { at: 0, version: '', adapter: null };
    if (hit && now() - hit.at < RECHECK_MS) return hit;
    const rows = await options.db
      .select({ kind: channelAccounts.kind, updatedAt: channelAccounts.updatedAt })
      .from(channelAccounts)
      .where(and(eq(channelAccounts.workspaceId, workspaceId), inArray(channelAccounts.kind, [...kinds])));
    const chosen = kinds.map((k) => rows.find((r) => r.kind === k)).find((r) => r !== undefined);
    const version = chosen ? `${chosen.kind}@${chosen.updatedAt}` : '';
    if (hit && hit.version === version) {
      hit.at = now();
      return hit;
    }
    await hit?.adapter?.close?.();
    let entry: Cached = { at: now(), version, adapter: null };
    if (chosen) {
      try {
        const account = await loadAccount(options.db, options.keyring, workspaceId, chosen.kind as AccountKind);
        let adapter = account ? adapterForAccount(account.kind, account.config, account.secrets, options.adapters) : null;
        if (adapter && channel === 'email' && base.links) adapter = withEmailTracking(adapter, base.links);
        entry = { ...entry, adapter };
      } catch (error) {
        entry = { ...entry, error: error instanceof Error ? error.message : String(error) };
      }
    }
    cache.set(key, entry);
    return entry;
  }

  return {
    ...base,
    async send(message, ctx) {
      const own = await adapterOf(message.workspaceId, message.channel);
      // A configured but unusable account must not silently fall back to another sender.
      if (own.error) return failed('CHANNEL_ACCOUNT_INVALID', `the workspace's ${message.channel} account cannot be used: ${own.error}`, false);
      if (!own.adapter) return base.send(message, ctx);
      try {
        return await own.adapter.send(message, ctx);
      } catch (error) {
        return failed('ADAPTER_CRASHED', `${own.adapter.name} adapter for ${message.channel} threw: ${error instanceof Error ? error.message : String(error)}`, true);
      }
    },
    async close() {
      await Promise.all([...cache.values()].map((c) => c.adapter?.close?.()));
      await base.close();
    },
  };
}
