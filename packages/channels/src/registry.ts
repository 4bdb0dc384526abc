import { createSandboxAdapter } from './sandbox/sandbox-adapter';
import type { OutboxStore } from './sandbox/outbox-store';
import type { TrackingLinks } from './tracking/rewrite-html';
import { withEmailTracking } from './tracking/with-email-tracking';
import { BUILT_IN_CHANNELS, failed, type ChannelAdapter, type DeliveryResult, type RenderedMessage, type SendContext } from './types';

export type ChannelsConfig = {
  /** Where the sandbox records messages: createDbOutboxStore(db) in the worker. */
  outbox: OutboxStore;
  /**
   * Real adapters by channel (createSmtpAdapter for email, createWebhookAdapter for webhook,
   * later Zalo, SMS ...). Every channel not listed, built in or custom, goes to the sandbox.
   */
  adapters?: Partial<Record<string, ChannelAdapter>>;
  /**
   * Open and click tracking for email (trackingSettingsFromEnv()): links are rewritten to signed
   * /t/c URLs and an open pixel is added, whether email goes through SMTP or the sandbox.
   */
  tracking?: TrackingLinks | null;
};

export type ChannelRegistry = {
  /** The adapter a send on `channel` goes through. */
  adapterFor(channel: string): ChannelAdapter;
  /** Sends through the channel's adapter; never throws, an adapter crash becomes a retryable failure. */
  send(message: RenderedMessage, ctx?: SendContext): Promise<DeliveryResult>;
  /** Channel → adapter name, e.g. { email: 'smtp', sms: 'sandbox', ... }, for the settings screen and logs. */
  describe(): Record<string, string>;
  /** Public base URL and signing secret for links in messages (unsubscribe); null when tracking is off. */
  links: TrackingLinks | null;
  close(): Promise<void>;
};

export function createChannels(config: ChannelsConfig): ChannelRegistry {
  const adapters = new Map<string, ChannelAdapter>();
  for (const channel of BUILT_IN_CHANNELS) adapters.set(channel, createSandboxAdapter(channel, config.outbox));
  for (const [channel, adapter] of Object.entries(config.adapters ?? {})) {
    if (!adapter) continue;
    if (adapter.channel !== channel) throw new Error(`adapter ${adapter.name} is for ${adapter.channel}, configured under ${channel}`);
    adapters.set(channel, adapter);
  }
  if (config.tracking) adapters.set('email', withEmailTracking(adapters.get('email')!, config.tracking));
  const adapterFor = (channel: string): ChannelAdapter => {
    let adapter = adapters.get(channel);
    if (!adapter) {
      adapter = createSandboxAdapter(channel, config.outbox);
      adapters.set(channel, adapter);
    }
    return adapter;
  };
  return {
    adapterFor,
    async send(message, ctx) {
      const adapter = adapterFor(message.channel);
      try {
        return await adapter.send(message, ctx);
      } catch (error) {
        return failed('ADAPTER_CRASHED', `${adapter.name} adapter for ${adapter.channel} threw: ${error instanceof Error ? error.message : String(error)}`, true);
      }
    },
    links: config.tracking ?? null,
    describe: () => Object.fromEntries([...adapters].map(([channel, a]) => [channel, a.name])),
    async close() {
      await Promise.all([...adapters.values()].map((a) => a.close?.()));
    },
  };
}
