// The "best channel" answer for one customer: channels they can be reached on and subscribed to,
// ranked by their own recent engagement (channel-stats.ts) through the shared scoring function,
// with the per-channel counts that decided written into the trace.
import { checkConsent } from '@braid/channels';
import { and, customerIdentities, eq } from '@braid/db';
import { chooseBestChannel, usualAnswerHour, type BestChannelDecision } from '@braid/journey';
import type { LookupAnswer } from '@braid/sdk';
import { answersByHour, channelStats, utcOffsetMinutes } from './channel-stats';
import type { ActivityDeps, EffectContext } from './deps';
import { recipientFor } from './recipient';

export type BestChannelCondition = { channels: string[]; minSends?: number; windowDays?: number; halfLifeDays?: number };

/** Defaults for graphs published before the history settings existed. */
export const BEST_CHANNEL_DEFAULTS = { minSends: 3, windowDays: 90, halfLifeDays: 30 } as const;

/** Channels a best-channel choice may pick for this customer: an address the send would use. */
export async function reachableChannels(deps: ActivityDeps, ctx: EffectContext, channels: readonly string[]): Promise<string[]> {
  const known = await deps.db
    .select({ type: customerIdentities.type, value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.workspaceId, ctx.workspaceId), eq(customerIdentities.customerId, ctx.customerId)));
  const out: string[] = [];
  for (const channel of channels) {
    const r = await recipientFor(deps, ctx, channel, known);
    if (!r) continue;
    // A Zalo message to a bare phone is a ZNS template, not someone who answers on Zalo: a
    // customer counts as reachable on Zalo only as a follower (Zalo id).
    if (channel === 'zalo' && r.to === r.phone) continue;
    out.push(channel);
  }
  return out;
}

export async function decideBestChannel(deps: ActivityDeps, ctx: EffectContext, condition: BestChannelCondition, now: number): Promise<BestChannelDecision> {
  const minSends = condition.minSends ?? BEST_CHANNEL_DEFAULTS.minSends;
  const windowDays = condition.windowDays ?? BEST_CHANNEL_DEFAULTS.windowDays;
  const halfLifeDays = condition.halfLifeDays ?? BEST_CHANNEL_DEFAULTS.halfLifeDays;
  const reachable = await reachableChannels(deps, ctx, condition.channels);
  const consented: string[] = [];
  for (const channel of reachable) {
    // The rule marketing sends obey, so the chosen channel's message will go out.
    const verdict = await checkConsent(deps.db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, channel, groupId: null });
    if (verdict.allowed) consented.push(channel);
  }
  const timezone = typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : null;
  const stats = await channelStats(deps.db, {
    workspaceId: ctx.workspaceId,
    customerId: ctx.customerId,
    channels: condition.channels,
    now,
    windowDays,
    halfLifeDays,
    utcOffsetMinutes: utcOffsetMinutes(timezone, now),
  });
  return chooseBestChannel({ offered: condition.channels, stats, reachable, consented, minSends, windowDays });
}

/** The lookup answer: the channel's port, or `fallback`, each with both languages of the reason. */
export function answerOf(decision: BestChannelDecision): LookupAnswer {
  const why = `${decision.text.vi} · ${decision.text.en}`;
  return decision.channel ? { channel: decision.channel, why } : { port: 'fallback', why };
}

/** "Wait until their usual hour": the hour (their time) they answered most in the window, as port `hH`. */
export async function usualHourAnswer(deps: ActivityDeps, ctx: EffectContext, windowDays: number, now: number): Promise<LookupAnswer> {
  const timezone = typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : null;
  const hours = await answersByHour(deps.db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, now, windowDays, utcOffsetMinutes: utcOffsetMinutes(timezone, now) });
  const hour = usualAnswerHour(hours);
  const total = hours.reduce((n, h) => n + h.answers, 0);
  if (hour === null) return { port: 'fallback', why: `chưa có phản hồi trong ${windowDays} ngày · no answers in ${windowDays} days` };
  const at = hours.find((h) => h.hour === hour)?.answers ?? 0;
  return { port: `h${hour}`, why: `${at} / ${total} phản hồi lúc ${hour}h · ${at} of ${total} answers at ${hour}:00` };
}
