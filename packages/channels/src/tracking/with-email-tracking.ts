import type { ChannelAdapter } from '../types';
import { addTrackingToHtml, addTrackingToText, htmlFromText, linksForWorkspace, type TrackingLinks } from './rewrite-html';

/**
 * Wraps an email adapter (SMTP or the sandbox) so emails carry signed click links (HTML and
 * text) and an open pixel (text-only emails get a plain HTML part for it), all pointing at the
 * message's row in `messages` (meta.messageId, given by the runtime). A message without that id
 * goes out untouched: there would be nothing to record against. Links are signed with the
 * message's workspace key when a key store is given.
 */
export function withEmailTracking(adapter: ChannelAdapter, links: TrackingLinks): ChannelAdapter {
  return {
    ...adapter,
    async send(message, ctx) {
      const messageId = message.meta.messageId;
      if (typeof messageId !== 'string' || messageId === '') return adapter.send(message, ctx);
      const signed = await linksForWorkspace(links, message.workspaceId);
      return adapter.send(
        {
          ...message,
          // Opens can only be seen in HTML (the pixel), so a text-only email gets a plain HTML part.
          html: addTrackingToHtml(message.html ?? htmlFromText(message.body), signed, messageId),
          body: addTrackingToText(message.body, signed, messageId),
          meta: { ...message.meta, tracked: true },
        },
        ctx,
      );
    },
  };
}
