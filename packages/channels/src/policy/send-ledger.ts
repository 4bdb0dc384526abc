// The messages table is the ledger every cap counts: a message row is written only by admitSend,
// whose single INSERT … SELECT … WHERE checks every cap and takes the slot in one statement, so
// two concurrent sends can never both take the last slot. Zalo's daily quota is read from
// zns_daily_usage, a count of those rows that triggers on `messages` keep in the same statement.
import { and, eq, gt, gte, inArray, messages, or, sql, zaloDayStart, znsDailyUsage, type Db, type DbOrTx } from '@braid/db';
import { DECREE_91 } from './decree-91';
import type { FrequencyCap } from './frequency-cap';

/** A row holds a cap slot from the moment it is admitted; a failed send gives it back. */
export const SLOT_STATUSES = ['queued', 'sent', 'delivered', 'opened', 'clicked', 'replied'] as const;

/** What a message counts towards, stored in payload.policy so the counts can be filtered. */
export type SendMarks = {
  /** Counts towards the workspace's caps across channels (every non-transactional send). */
  marketing: boolean;
  /** An advertising SMS under Decree 91. */
  advertising: boolean;
  /** A Zalo ZNS send, against the OA's daily quota. */
  zns: boolean;
};

export type LedgerQuery = {
  workspaceId: string;
  customerId: string;
  channel: string;
  /** The phone an advertising SMS goes to: Decree 91 counts per number, whoever owns it. */
  number?: string | null;
  now: number;
  /** How far back the caps look. */
  lookbackMs: number;
};

export type LedgerCounts = { channelTimes: number[]; workspaceTimes: number[]; numberTimes: number[] };

const mark = (name: keyof SendMarks) => sql`json_extract(${messages.payload}, ${`$.policy.${name}`}) = 1`;

/** This customer's sends (and, for Decree 91, the number's advertising SMS) within the lookback. */
export async function ledgerCounts(db: DbOrTx, q: LedgerQuery): Promise<LedgerCounts> {
  const since = q.now - Math.max(q.lookbackMs, q.number ? DECREE_91.cap.periodMs : 0);
  const who = q.number ? or(eq(messages.customerId, q.customerId), and(eq(messages.channel, 'sms'), eq(messages.recipient, q.number))) : eq(messages.customerId, q.customerId);
  const rows = await db
    .select({ at: messages.createdAt, channel: messages.channel, customerId: messages.customerId, recipient: messages.recipient, marketing: mark('marketing'), advertising: mark('advertising') })
    .from(messages)
    .where(and(eq(messages.workspaceId, q.workspaceId), gt(messages.createdAt, since), inArray(messages.status, [...SLOT_STATUSES]), who));
  const mine = rows.filter((r) => r.customerId === q.customerId);
  return {
    channelTimes: mine.filter((r) => r.channel === q.channel).map((r) => r.at),
    workspaceTimes: mine.filter((r) => Boolean(r.marketing)).map((r) => r.at),
    numberTimes: q.number ? rows.filter((r) => r.channel === 'sms' && r.recipient === q.number && Boolean(r.advertising)).map((r) => r.at) : [],
  };
}

/**
 * ZNS messages of the workspace admitted since `since` (the start of Zalo's day) and not failed,
 * read from the counter the triggers on `messages` keep (zns_daily_usage), not from the rows.
 */
export async function znsSentSince(db: DbOrTx, workspaceId: string, since: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${znsDailyUsage.used}), 0)` })
    .from(znsDailyUsage)
    .where(and(eq(znsDailyUsage.workspaceId, workspaceId), gte(znsDailyUsage.dayStart, zaloDay(since))));
  return Number(row?.n ?? 0);
}

/** The counter is kept per Zalo day, so it answers "since" only from a day's start. */
function zaloDay(since: number): number {
  if (zaloDayStart(since) !== since) throw new RangeError(`the ZNS quota counts from the start of a Zalo day; ${new Date(since).toISOString()} is not one`);
  return since;
}

export type Admission = {
  channelCaps: readonly FrequencyCap[];
  workspaceCaps: readonly FrequencyCap[];
  /** Decree 91's per-number cap, for an advertising SMS to this number. */
  advertisingNumber?: string | null;
  /** Zalo's daily quota: at most `quota` ZNS admitted since `since`. */
  dailyQuota?: { quota: number; since: number } | null;
};

type Arg = string | number | null;
const SLOT_LIST = SLOT_STATUSES.map((s) => `'${s}'`).join(', ');

export type NewMessage = typeof messages.$inferInsert & { payload: Record<string, unknown> };

/**
 * Writes the message row if every cap still has room, in one statement. 'exists': an earlier
 * attempt wrote it; 'full': a cap filled since the plan was made (the caller postpones).
 */
export async function admitSend(db: Db, row: NewMessage, admission: Admission): Promise<'admitted' | 'exists' | 'full'> {
  const now = row.createdAt;
  // Plain text with placeholders, the same for every send of one shape of caps, so the prepared
  // statement is reused (this runs once per message).
  const args: Arg[] = [
    row.id, row.workspaceId, row.customerId, row.journeyId ?? null, row.version ?? null, row.enrollmentId ?? null, row.nodeId ?? null, row.channel,
    row.idempotencyKey, row.recipient ?? null, row.subject ?? null, row.body ?? null, JSON.stringify(row.payload), row.status ?? 'queued', now, row.updatedAt,
  ];
  const checks: string[] = [];
  const counted = (filter: string, filterArgs: Arg[], since: number, max: number) => {
    checks.push(`(SELECT count(*) FROM messages WHERE workspace_id = ? AND created_at > ? AND status IN (${SLOT_LIST}) AND ${filter}) < ?`);
    args.push(row.workspaceId, since, ...filterArgs, max);
  };
  // `+channel`: searched through the customer's rows, not every message of the channel that day.
  for (const cap of admission.channelCaps) counted('customer_id = ? AND +channel = ?', [row.customerId, row.channel], now - cap.periodMs, cap.max);
  for (const cap of admission.workspaceCaps) counted(`customer_id = ? AND json_extract(payload, '$.policy.marketing') = 1`, [row.customerId], now - cap.periodMs, cap.max);
  if (admission.advertisingNumber) {
    counted(`channel = 'sms' AND recipient = ? AND json_extract(payload, '$.policy.advertising') = 1`, [admission.advertisingNumber], now - DECREE_91.cap.periodMs, DECREE_91.cap.max);
  }
  if (admission.dailyQuota) {
    // The day's ZNS from the counter the triggers keep: the INSERT below bumps it in this same
    // statement, so the check and the slot stay one step, at one row read per admission.
    checks.push(`(SELECT coalesce(sum(used), 0) FROM zns_daily_usage WHERE workspace_id = ? AND day_start >= ?) < ?`);
    args.push(row.workspaceId, zaloDay(admission.dailyQuota.since), admission.dailyQuota.quota);
  }
  const result = await db.$client.execute({
    sql: `INSERT INTO messages (id, workspace_id, customer_id, journey_id, version, enrollment_id, node_id, channel, idempotency_key, recipient, subject, body, payload, status, created_at, updated_at)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
    WHERE ${checks.length > 0 ? checks.join(' AND ') : '1 = 1'}
    ON CONFLICT DO NOTHING`,
    args,
  });
  if (result.rowsAffected > 0) return 'admitted';
  const [existing] = await db.select({ id: messages.id }).from(messages).where(eq(messages.idempotencyKey, row.idempotencyKey)).limit(1);
  return existing ? 'exists' : 'full';
}
