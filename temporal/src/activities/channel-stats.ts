// One customer's engagement per channel, read from their messages: how many reached them, how many
// they opened / clicked / replied to, how many led to a conversion, and the hour they answer.
// SQL counts per channel and per day of age; the half-life decay is applied to those day buckets
// here (libSQL has no pow()), so a month-old open weighs half of today's with a 30-day half-life.
import { sql, type Db } from '@braid/db';
import type { ChannelStats } from '@braid/journey';

const DAY = 86_400_000;

export type StatsQuery = {
  workspaceId: string;
  customerId: string;
  channels: readonly string[];
  now: number;
  windowDays: number;
  halfLifeDays: number;
  /** Minutes east of UTC of the customer's timezone, for the answer hour. */
  utcOffsetMinutes: number;
};

type Bucket = { channel: string; age_days: number; sends: number; opened: number; clicked: number; replied: number; converted: number };

export async function channelStats(db: Db, q: StatsQuery): Promise<ChannelStats[]> {
  const since = q.now - q.windowDays * DAY;
  const channels = JSON.stringify(q.channels);
  // `sent` counts as delivered: providers without receipts never say more.
  const buckets = await db.all<Bucket>(sql`
    SELECT m.channel AS channel,
           CAST((${q.now} - m.created_at) / ${DAY} AS INTEGER) AS age_days,
           count(*) AS sends,
           sum(m.status IN ('opened', 'clicked', 'replied')) AS opened,
           sum(m.status IN ('clicked', 'replied')) AS clicked,
           sum(m.status = 'replied') AS replied,
           sum(coalesce(e.status = 'converted', 0)) AS converted
      FROM messages m
      LEFT JOIN enrollments e ON e.id = m.enrollment_id
     WHERE m.workspace_id = ${q.workspaceId} AND m.customer_id = ${q.customerId}
       AND m.channel IN (SELECT value FROM json_each(${channels}))
       AND m.status IN ('sent', 'delivered', 'opened', 'clicked', 'replied')
       AND m.created_at >= ${since}
     GROUP BY m.channel, age_days`);
  const hours = await db.all<{ channel: string; hour: number; answers: number }>(sql`
    SELECT channel,
           CAST(strftime('%H', (updated_at / 1000) + ${q.utcOffsetMinutes * 60}, 'unixepoch') AS INTEGER) AS hour,
           count(*) AS answers
      FROM messages
     WHERE workspace_id = ${q.workspaceId} AND customer_id = ${q.customerId}
       AND channel IN (SELECT value FROM json_each(${channels}))
       AND status IN ('opened', 'clicked', 'replied')
       AND created_at >= ${since}
     GROUP BY channel, hour
     ORDER BY answers DESC, hour ASC`);
  const out = new Map<string, ChannelStats>();
  for (const b of buckets) {
    const s = out.get(b.channel) ?? empty(b.channel);
    const w = Math.pow(0.5, Math.max(0, Number(b.age_days)) / q.halfLifeDays);
    for (const k of ['sends', 'opened', 'clicked', 'replied', 'converted'] as const) {
      s[k] += Number(b[k]);
      s.weighted[k] += Number(b[k]) * w;
    }
    out.set(b.channel, s);
  }
  for (const h of hours) {
    const s = out.get(h.channel);
    // Rows arrive most answers first: the first one per channel is its usual hour.
    if (s && s.answerHour == null) s.answerHour = Number(h.hour);
  }
  return [...out.values()];
}

/** Answers per hour of day across the given channels (customer's time), for "send at their usual hour". */
export async function answersByHour(db: Db, q: Omit<StatsQuery, 'halfLifeDays' | 'channels'>): Promise<{ hour: number; answers: number }[]> {
  const rows = await db.all<{ hour: number; answers: number }>(sql`
    SELECT CAST(strftime('%H', (updated_at / 1000) + ${q.utcOffsetMinutes * 60}, 'unixepoch') AS INTEGER) AS hour, count(*) AS answers
      FROM messages
     WHERE workspace_id = ${q.workspaceId} AND customer_id = ${q.customerId}
       AND status IN ('opened', 'clicked', 'replied') AND created_at >= ${q.now - q.windowDays * DAY}
     GROUP BY hour`);
  return rows.map((r) => ({ hour: Number(r.hour), answers: Number(r.answers) }));
}

function empty(channel: string): ChannelStats {
  return { channel, sends: 0, opened: 0, clicked: 0, replied: 0, converted: 0, weighted: { sends: 0, opened: 0, clicked: 0, replied: 0, converted: 0 }, answerHour: null };
}

/** Minutes east of UTC for an IANA timezone at `at` (Vietnam by default: the shops' home). */
export function utcOffsetMinutes(timezone: string | null | undefined, at: number): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone || 'Asia/Ho_Chi_Minh', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
  } catch {
    return 420;
  }
}
