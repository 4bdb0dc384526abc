// Answers for branch conditions that need data the pure interpreter does not hold: traits,
// event counts, segment membership, engagement with an earlier message, the best channel, consent.
import { and, desc, eq, events, gte, messages, segmentMembers, type MessageStatus } from '@braid/db';
import { compare, matchesFilters } from '@braid/journey';
import { checkConsent } from '@braid/channels';
import type { BranchCondition, CustomerEvent, Json, LookupAnswer } from '@braid/sdk';
import { answerOf, decideBestChannel, usualHourAnswer } from './best-channel';
import type { ActivityDeps, EffectContext } from './deps';

/** Message statuses at or beyond each engagement level. */
const ENGAGED: Record<'delivered' | 'opened' | 'clicked' | 'replied', MessageStatus[]> = {
  // The sandbox and providers without receipts report `sent`: counted as delivered.
  delivered: ['sent', 'delivered', 'opened', 'clicked', 'replied'],
  opened: ['opened', 'clicked', 'replied'],
  clicked: ['clicked', 'replied'],
  replied: ['replied'],
};

/** Events scanned at most for an event-count condition; counts beyond are capped. */
const MAX_EVENTS = 5_000;

export type LookupRequest = BranchCondition & { visit?: number; targetKey?: string };

export async function lookup(
  deps: ActivityDeps,
  ctx: EffectContext,
  config: Json,
  entryEvent: CustomerEvent | null,
): Promise<{ ok: true; output: LookupAnswer } | { ok: false; error: string }> {
  const condition = config as unknown as LookupRequest;
  const now = (deps.now ?? Date.now)();
  switch (condition.kind) {
    case 'trait':
      return { ok: true, output: { matched: matchesFilters(condition.filters, ctx.traits as Record<string, Json>, entryEvent, condition.all) } };
    case 'eventCount': {
      const rows = await deps.db
        .select({ properties: events.properties })
        .from(events)
        .where(
          and(
            eq(events.workspaceId, ctx.workspaceId),
            eq(events.customerId, ctx.customerId),
            eq(events.name, condition.event),
            gte(events.timestamp, now - condition.windowMs),
          ),
        )
        .orderBy(desc(events.timestamp))
        .limit(MAX_EVENTS);
      const n = rows.filter((r) => matchesFilters(condition.where, r.properties as Record<string, Json>, entryEvent)).length;
      return { ok: true, output: { matched: compare(condition.op, n, condition.count) } };
    }
    case 'segment': {
      const [row] = await deps.db
        .select({ id: segmentMembers.segmentId })
        .from(segmentMembers)
        .where(and(eq(segmentMembers.segmentId, condition.segmentId), eq(segmentMembers.customerId, ctx.customerId)))
        .limit(1);
      return { ok: true, output: { matched: Boolean(row) } };
    }
    case 'engagement': {
      if (!condition.targetKey) return { ok: true, output: { matched: false } };
      const [row] = await deps.db.select({ status: messages.status }).from(messages).where(eq(messages.idempotencyKey, condition.targetKey)).limit(1);
      return { ok: true, output: { matched: Boolean(row && ENGAGED[condition.status].includes(row.status as MessageStatus)) } };
    }
    case 'bestChannel':
      return { ok: true, output: answerOf(await decideBestChannel(deps, ctx, condition, now)) };
    case 'usualHour':
      return { ok: true, output: await usualHourAnswer(deps, ctx, condition.windowDays, now) };
    case 'consent': {
      // The same rule sends obey, so "yes" means a marketing send here would go out.
      const verdict = await checkConsent(deps.db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, channel: condition.channel, groupId: condition.groupId || null });
      return { ok: true, output: { matched: verdict.allowed } };
    }
    case 'randomSplit':
      return { ok: false, error: 'random splits are decided by the interpreter' };
    default: {
      const unknown: never = condition;
      return { ok: false, error: `unknown condition ${JSON.stringify(unknown).slice(0, 80)}` };
    }
  }
}
