// The channels a worker delivers through: the sandbox outbox for every channel, except those
// the environment configures for real (SMTP_*, WEBHOOK_SIGNING_SECRET, ZALO_*, MESSENGER_*, SMS).
import { adaptersFromEnv, createChannels, createDbOutboxStore, type ChannelRegistry } from '@braid/channels';
import type { Db } from '@braid/db';

export function channelsFromEnv(db: Db, env: Record<string, string | undefined> = process.env): ChannelRegistry {
  return createChannels({ outbox: createDbOutboxStore(db), adapters: adaptersFromEnv(env) });
}
