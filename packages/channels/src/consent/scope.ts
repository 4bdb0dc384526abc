// What one consent answer is about: a subscription group, or every marketing message of a channel.

const CHANNEL_PREFIX = 'channel:';

/** The `subscriptions.group_id` that means "all marketing on `channel`". */
export const channelScope = (channel: string): string => `${CHANNEL_PREFIX}${channel}`;

/** The channel a channel-wide scope is about; null for a group id. */
export function channelOfScope(scope: string): string | null {
  return scope.startsWith(CHANNEL_PREFIX) ? scope.slice(CHANNEL_PREFIX.length) || null : null;
}
