// A message opened, clicked or replied to becomes an event of its customer ("Email Opened",
// "Message Clicked" ...), routed like an ingested one: wait-for-event, goals and exit criteria
// react to it, and journeys it triggers enrol the customer. It is stored as an event of the
// customer (their timeline and segments see it) together with its routing intent, so a crash
// between the open and the routing is replayed like any ingested event.
import { eq, events, liveCustomerId, messages, newId, routingIntents, type Db } from '@braid/db';
import type { EventDispatcher, RoutableEvent, Router, RoutingOutcome } from '@braid/temporal';
// The same lease as an ingested event's: the process that stores it routes it first.
import { ROUTING_LEASE_MS } from '../ingest/store';

export type Engagement = 'opened' | 'clicked' | 'replied';

const VERB: Record<Engagement, string> = { opened: 'Opened', clicked: 'Clicked', replied: 'Replied' };

/** "Email Opened" for email, "Message Opened" for every other channel (properties say which). */
export function engagementEventName(channel: string, status: Engagement): string {
  return `${channel === 'email' ? 'Email' : 'Message'} ${VERB[status]}`;
}

export function engagementEvents(
  db: Db,
  router: Router | null,
  onRouted?: (outcomes: RoutingOutcome[]) => void,
  now: () => number = Date.now,
  dispatcher: EventDispatcher | null = null,
) {
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
      const at = event.event.timestamp;
      const stored = await db.transaction(async (tx) => {
        // The id doubles as the Segment messageId: a repeated open or a retried webhook is stored once.
        const inserted = await tx
          .insert(events)
          .values({
            id: event.event.id,
            workspaceId: event.workspaceId,
            messageId: event.event.id,
            customerId,
            type: 'track',
            name: event.event.name,
            properties: event.event.properties,
            context: {},
            timestamp: at,
            receivedAt: at,
          })
          .onConflictDoNothing()
          .returning({ id: events.id });
        if (inserted.length === 0) return null;
        const intentId = newId(at);
        await tx.insert(routingIntents).values({ id: intentId, workspaceId: event.workspaceId, eventIds: [event.event.id], availableAt: at + ROUTING_LEASE_MS, createdAt: at });
        return intentId;
      });
      if (!stored) return;
      const outcomes = await router.routeEvents([event]);
      onRouted?.(outcomes);
      dispatcher?.settle([{ intentId: stored, eventIds: [event.event.id] }], outcomes);
    } catch (error) {
      // The pixel, the redirect and the webhook answer must not fail because routing did.
      console.error('[journeys] engagement routing failed', error);
    }
  };
}
