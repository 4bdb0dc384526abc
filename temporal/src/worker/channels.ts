// The channels a worker delivers through: the sandbox outbox for every channel, except those
// the environment configures for real (SMTP_*, WEBHOOK_SIGNING_SECRET, ZALO_*, MESSENGER_*, SMS),
// with email open/click tracking when a tracking secret is known (the API checks the same one).
// On-site messages are kept for the website snippet; push goes by Web Push to the browsers a
// customer allowed notifications in (PUSH_ALLOW_PRIVATE_NETWORKS=true lets it reach push
// services inside the network, for self-hosted setups and tests), otherwise to the sandbox.
import {
  adaptersFromEnv,
  audienceAdaptersFromEnv,
  createAudiences,
  createChannels,
  createDbOutboxStore,
  createOnsiteAdapter,
  createSandboxAdapter,
  createWebPushAdapter,
  keyringFromEnv,
  webhookOptionsFromEnv,
  withWorkspaceAccounts,
  workspaceAudienceAdapters,
  trackingSettingsFromEnv,
  withTrackingKeys,
  type AudienceRegistry,
  type ChannelRegistry,
} from '@braid/channels';
import type { Db } from '@braid/db';

export function channelsFromEnv(db: Db, env: Record<string, string | undefined> = process.env): ChannelRegistry {
  const outbox = createDbOutboxStore(db);
  // Links are signed with each workspace's own key (tracking_keys), which the API verifies.
  const tracking = withTrackingKeys(trackingSettingsFromEnv(env), db, keyringFromEnv(env));
  const onTheWebsite = {
    web: createOnsiteAdapter(outbox),
    push: createWebPushAdapter({
      db,
      subject: env.PUSH_VAPID_SUBJECT ?? (env.BRAID_PUBLIC_URL?.startsWith('https://') ? env.BRAID_PUBLIC_URL : 'mailto:push@braid.invalid'),
      allowPrivateNetworks: ['1', 'true', 'yes'].includes((env.PUSH_ALLOW_PRIVATE_NETWORKS ?? '').toLowerCase()),
      tracking,
      fallback: createSandboxAdapter('push', outbox),
    }),
  };
  const installation = createChannels({ outbox, adapters: { ...onTheWebsite, ...adaptersFromEnv(env) }, tracking });
  // A workspace's own accounts (settings, sealed with BRAID_SECRETS_KEY) go first; the environment is the fallback.
  const webhook = webhookOptionsFromEnv({ ...env, WEBHOOK_SIGNING_SECRET: 'network-policy-only' });
  return withWorkspaceAccounts(installation, {
    db,
    keyring: keyringFromEnv(env),
    adapters: { webhook: { allowPrivateNetworks: webhook?.allowPrivateNetworks ?? false, ...(webhook?.allowList ? { allowList: [...webhook.allowList] } : {}) } },
  });
}

/**
 * Ad platforms (Facebook Custom Audiences, Google Customer Match): a workspace's own audience
 * account first, then the environment's; audience_members always.
 */
export function audiencesFromEnv(db: Db, env: Record<string, string | undefined> = process.env): AudienceRegistry {
  return createAudiences({ db, adapters: audienceAdaptersFromEnv(env), workspaceAdapter: workspaceAudienceAdapters({ db, keyring: keyringFromEnv(env) }) });
}
