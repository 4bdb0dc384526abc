import { failed, sent, type ChannelAdapter } from '../types';
import type { OutboxStore } from './outbox-store';

export const SANDBOX_PREFIX = 'sandbox:';

/**
 * The default for every channel: the rendered message is recorded in the outbox and nothing
 * leaves the machine, so journeys can be built and tested without a single real send.
 */
export function createSandboxAdapter(channel: string, store: OutboxStore): ChannelAdapter {
  return {
    channel,
    name: 'sandbox',
    async send(message, ctx) {
      try {
        const { entry } = await store.record({ ...message, channel }, (ctx?.now ?? Date.now)());
        return sent(`${SANDBOX_PREFIX}${entry.id}`);
      } catch (error) {
        // The store is our own database: a failure there is worth retrying.
        return failed('SANDBOX_STORE_FAILED', `could not record the message in the outbox: ${error instanceof Error ? error.message : String(error)}`, true);
      }
    },
  };
}
