// Chat channels may message a person freely only for a while after that person wrote to the page:
// Messenger 24 hours (then only with a message tag for a non-promotional update), a Zalo OA
// consultation message 48 hours (outside it Zalo wants a ZNS template instead).
// https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
// https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags
export const MESSENGER_WINDOW_MS = 24 * 3_600_000;
export const ZALO_OA_WINDOW_MS = 48 * 3_600_000;

/** The tags a send step may choose for Messenger outside the window (HUMAN_AGENT is for people, not journeys). */
export const JOURNEY_MESSAGE_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'] as const;
export type JourneyMessageTag = (typeof JOURNEY_MESSAGE_TAGS)[number];

export type MessengerRoute =
  | { send: true; messagingType: 'RESPONSE'; detail: string }
  | { send: true; messagingType: 'MESSAGE_TAG'; tag: JourneyMessageTag; detail: string }
  | { send: false; reason: string };

const hoursAgo = (since: number, now: number) => `${Math.round((now - since) / 360_000) / 10} h ago`;

/** How a Messenger message may go: inside the window as a response, outside only with the step's tag. */
export function messengerRoute(lastInboundAt: number | null, now: number, tag: string | null | undefined): MessengerRoute {
  if (lastInboundAt !== null && now - lastInboundAt < MESSENGER_WINDOW_MS) {
    return { send: true, messagingType: 'RESPONSE', detail: `inside Messenger's 24-hour window (last message from the customer ${hoursAgo(lastInboundAt, now)})` };
  }
  const since = lastInboundAt === null ? 'the customer never wrote to the page' : `the customer last wrote ${hoursAgo(lastInboundAt, now)}`;
  if (tag && (JOURNEY_MESSAGE_TAGS as readonly string[]).includes(tag)) {
    return { send: true, messagingType: 'MESSAGE_TAG', tag: tag as JourneyMessageTag, detail: `outside Messenger's 24-hour window (${since}), sent with tag ${tag}` };
  }
  return { send: false, reason: `skipped: outside Messenger's 24-hour window (${since}) and the step chose no message tag` };
}

/** Whether a Zalo OA consultation message may go now. */
export function zaloConsultationAllowed(lastInteractionAt: number | null, now: number): { send: true; detail: string } | { send: false; reason: string } {
  if (lastInteractionAt !== null && now - lastInteractionAt < ZALO_OA_WINDOW_MS) return { send: true, detail: `inside the Zalo OA 48-hour interaction window (${hoursAgo(lastInteractionAt, now)})` };
  const since = lastInteractionAt === null ? 'the customer never interacted with the OA' : `last interaction ${hoursAgo(lastInteractionAt, now)}`;
  return { send: false, reason: `skipped: outside the Zalo OA 48-hour interaction window (${since}); use a ZNS template` };
}
