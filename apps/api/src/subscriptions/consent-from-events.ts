// Consent sent with ingested events, recorded once they are committed:
// - identify traits `subscriptions: { "<group name or id>": true | false | "subscribed" | "unsubscribed" }`
//   (a key `channel:sms` or `sms` ... is all marketing on that channel);
// - a track event `Subscription Changed` with properties `group` (name or id) or `channel`, and
//   `status` ("subscribed" / "unsubscribed") or `subscribed` (boolean).
// Events are stored already, so an unknown group cannot be refused: it is logged and skipped.
// The event's own timestamp orders the answers: a replayed older event never undoes a newer one.
import { channelScope, recordConsent } from '@braid/channels';
import { eq, subscriptionGroups, type Db, type SubscriptionStatus } from '@braid/db';
import type { IngestedEvent } from '../ingest/store';
import { CONSENT_CHANNELS } from './groups';

export const SUBSCRIPTION_CHANGED = 'Subscription Changed';

type Answer = { key: string; status: SubscriptionStatus };

function statusOf(value: unknown): SubscriptionStatus | null {
  if (value === true || value === 'subscribed' || value === 'opted_in') return 'subscribed';
  if (value === false || value === 'unsubscribed' || value === 'opted_out') return 'unsubscribed';
  return null;
}

function answersOf(e: IngestedEvent): Answer[] {
  const { event } = e;
  if (event.type === 'identify') {
    const subs = event.traits?.subscriptions;
    if (!subs || typeof subs !== 'object' || Array.isArray(subs)) return [];
    return Object.entries(subs as Record<string, unknown>).flatMap(([key, value]) => {
      const status = statusOf(value);
      return status ? [{ key, status }] : [];
    });
  }
  if (event.type === 'track' && event.name === SUBSCRIPTION_CHANGED) {
    const p = event.properties ?? {};
    const status = statusOf(p.status) ?? statusOf(p.subscribed);
    const key = typeof p.group === 'string' ? p.group : typeof p.channel === 'string' ? `channel:${p.channel}` : null;
    return status && key ? [{ key, status }] : [];
  }
  return [];
}

const isChannel = (c: string): boolean => (CONSENT_CHANNELS as readonly string[]).includes(c);

/** Cheap test first: most batches carry no consent and never touch the groups table. */
export async function recordConsentFromEvents(db: Db, events: IngestedEvent[], log: (line: string) => void = (l) => console.warn(l)): Promise<number> {
  const withAnswers = events.map((e) => ({ e, answers: answersOf(e) })).filter((x) => x.answers.length > 0);
  if (withAnswers.length === 0) return 0;
  const groupsOf = new Map<string, { id: string; name: string }[]>();
  let recorded = 0;
  for (const { e, answers } of withAnswers) {
    let groups = groupsOf.get(e.workspaceId);
    if (!groups) {
      groups = await db.select({ id: subscriptionGroups.id, name: subscriptionGroups.name }).from(subscriptionGroups).where(eq(subscriptionGroups.workspaceId, e.workspaceId));
      groupsOf.set(e.workspaceId, groups);
    }
    for (const { key, status } of answers) {
      const trimmed = key.trim();
      const channel = trimmed.startsWith('channel:') ? trimmed.slice('channel:'.length) : isChannel(trimmed) ? trimmed : null;
      const group = groups.find((g) => g.id === trimmed) ?? groups.find((g) => g.name.toLocaleLowerCase('vi') === trimmed.toLocaleLowerCase('vi'));
      const scope = group ? group.id : channel && isChannel(channel) ? channelScope(channel) : null;
      if (!scope) {
        log(`[consent] event ${e.event.id}: no subscription group or channel ${JSON.stringify(trimmed)} in workspace ${e.workspaceId}; ignored`);
        continue;
      }
      if (await recordConsent(db, { workspaceId: e.workspaceId, customerId: e.customerId, scope, status, source: 'ingest', at: e.event.timestamp })) recorded++;
    }
  }
  return recorded;
}

/** Wraps the ingestion hook: consent first (a journey triggered by the same event sees it), then the rest. */
export function withConsentFromEvents(db: Db, next?: (events: IngestedEvent[]) => Promise<void> | void) {
  return async (events: IngestedEvent[]): Promise<void> => {
    try {
      await recordConsentFromEvents(db, events);
    } catch (error) {
      // Never in the way of routing: the events are stored and their consent can be replayed from them.
      console.error('[consent] recording consent from events failed', error);
    }
    await next?.(events);
  };
}
