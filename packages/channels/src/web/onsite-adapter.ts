import type { OutboxStore } from '../sandbox/outbox-store';
import { failed, sent, type ChannelAdapter } from '../types';

/**
 * The `web` channel (on-site messages). Delivering is keeping the message, sent and not yet
 * seen, for the customer: the website snippet shows it on their next page view, or at once over
 * its live connection (`/v1/web`), and reports the impression and the click as engagement. The
 * message is kept in the outbox so the marketer sees it there too.
 */
export function createOnsiteAdapter(store: OutboxStore): ChannelAdapter {
  return {
    channel: 'web',
    name: 'onsite',
    async send(message, ctx) {
      try {
        const { entry } = await store.record({ ...message, channel: 'web' }, (ctx?.now ?? Date.now)());
        return sent(`onsite:${entry.id}`);
      } catch (error) {
        return failed('ONSITE_STORE_FAILED', `could not keep the message for the website: ${error instanceof Error ? error.message : String(error)}`, true);
      }
    },
  };
}
