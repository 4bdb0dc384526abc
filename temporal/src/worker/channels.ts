// The channels a worker delivers through: the sandbox outbox for every channel, except those
// the environment configures for real (SMTP_*, WEBHOOK_SIGNING_SECRET, ZALO_*, MESSENGER_*, SMS),
// with email open/click tracking when a tracking secret is known (the API checks the same one).
import {
  adaptersFromEnv,
  audienceAdaptersFromEnv,
  createAudiences,
  createChannels,
  createDbOutboxStore,
  trackingSettingsFromEnv,
  type AudienceRegistry,
  type ChannelRegistry,
} from '@braid/channels';
import type { Db } from '@braid/db';

export function channelsFromEnv(db: Db, env: Record<string, string | undefined> = process.env): ChannelRegistry {
  return createChannels({ outbox: createDbOutboxStore(db), adapters: adaptersFromEnv(env), tracking: trackingSettingsFromEnv(env) });
}

/** Ad platforms (Facebook Custom Audiences, Google Customer Match) when configured; audience_members always. */
export function audiencesFromEnv(db: Db, env: Record<string, string | undefined> = process.env): AudienceRegistry {
  return createAudiences({ db, adapters: audienceAdaptersFromEnv(env) });
}
