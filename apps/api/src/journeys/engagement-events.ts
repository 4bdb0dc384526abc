// A message opened, clicked or replied to becomes an event of its customer ("Email Opened",
// "Message Clicked" ...), routed like an ingested one: wait-for-event, goals and exit criteria
// react to it, and journeys it triggers enrol the customer.
import { eq, liveCustomerId, messages, type Db } from '@braid/db';
import type { RoutableEvent, Router, RoutingOutcome } from '@braid/temporal';

export type Engagement = 'opened' | 'clicked' | 'replied';

const VERB: Record<Engagement, string> = { opened: 'Opened', clicked: 'Clicked', replied: 'Replied' };

/** "Email Opened" for email, "Message Opened" for every other channel (properties say which). */
export function engagementEventName(channel: string, status: Engagement): string {
  return `${channel === 'email' ? 'Email' : 'Message'} ${VERB[status]}`;
}

export function engagementEvents(db: Db, router: Router | null, onRouted?: (outcomes: RoutingOutcome[]) => void, now: () => number = Date.now) {
  return async (messageId: string, status: Engagement): Promise<void> => {
    if (!router) return;
    try {
      const [message] = await db.select().from(messages).where(eq(messages.id, messageId)).limit(1);
      if (!message) return;
      const customerId = (await liveCustomerId(db, message.customerId)) ?? message.customerId;
      const event: RoutableEvent = {
        workspaceId: message.workspaceId,
        customerId,
        event: {
          // One event per message and engagement: a repeated open or a retried webhook is deduped.
          id: `engagement:${message.id}:${status}`,
          type: 'track',
          name: engagementEventName(message.channel, status),
          properties: {
            messageId: message.id,
            nodeId: message.nodeId,
            channel: message.channel,
            journeyId: message.journeyId,
          },
          timestamp: now(),
        },
      };
      onRouted?.(await router.routeEvents([event]));
    } catch (error) {
      // The pixel, the redirect and the webhook answer must not fail because routing did.
      console.error('[journeys] engagement routing failed', error);
    }
  };
}
