// The channels a worker delivers through: the sandbox outbox for every channel, SMTP for email
// when SMTP is configured in the environment.
import { createChannels, createDbOutboxStore, createSmtpAdapter, smtpSettingsFromEnv, type ChannelRegistry } from '@braid/channels';
import type { Db } from '@braid/db';

export function channelsFromEnv(db: Db): ChannelRegistry {
  const smtp = smtpSettingsFromEnv();
  return createChannels({
    outbox: createDbOutboxStore(db),
    adapters: smtp ? { email: createSmtpAdapter(smtp) } : {},
  });
}
