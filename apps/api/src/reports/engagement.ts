// Which channel works for whom and when: messages sent in a period, per channel and per customer
// group (segment), and their answers (opened, clicked, replied) by hour of day and day of week in
// the workspace's time zone. The data behind the "best channel" condition, aggregated in SQL over
// the messages index (workspace, channel, created_at); the period is at most a year.
import { eq, workspaces, type Db } from '@braid/db';

export const MAX_PERIOD_MS = 366 * 86_400_000;
const ENGAGED = `status IN ('opened','clicked','replied')`;
const SENT = `status IN ('sent','delivered','opened','clicked','replied')`;

export interface Period {
  from: number;
  to: number;
  /** Only the members of this customer group (segment). */
  segmentId?: string;
}

/** The filter and its arguments: messages in the period, of the group's members when one is named. */
function scope(workspaceId: string, p: Period): { where: string; args: (string | number)[] } {
  const base = 'workspace_id = ? AND created_at >= ? AND created_at < ?';
  if (!p.segmentId) return { where: base, args: [workspaceId, p.from, p.to] };
  return { where: `${base} AND customer_id IN (SELECT customer_id FROM segment_members WHERE segment_id = ?)`, args: [workspaceId, p.from, p.to, p.segmentId] };
}

/** Minutes east of UTC of the zone at `at` (Asia/Ho_Chi_Minh: 420). */
export function zoneOffsetMinutes(timeZone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.timezone ?? 'Asia/Ho_Chi_Minh';
}

export interface ChannelFigures {
  channel: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  failed: number;
  engagementRate: number;
}
export interface TimeCell {
  channel: string;
  /** 0–23 for hours; 0 (Sunday)–6 for weekdays. */
  slot: number;
  sent: number;
  engaged: number;
}
export interface GroupChannelFigures {
  segmentId: string;
  segment: string;
  channel: string;
  customers: number;
  sent: number;
  engaged: number;
  engagementRate: number;
}

const n = (v: unknown) => Number(v ?? 0);
const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

export async function channelFigures(db: Db, workspaceId: string, p: Period): Promise<ChannelFigures[]> {
  const q = scope(workspaceId, p);
  const r = await db.$client.execute({
    sql: `SELECT channel, SUM(${SENT}) AS sent, SUM(status IN ('delivered','opened','clicked','replied')) AS delivered,
            SUM(${ENGAGED}) AS opened, SUM(status = 'clicked') AS clicked, SUM(status = 'replied') AS replied, SUM(status = 'failed') AS failed
          FROM messages WHERE ${q.where} GROUP BY channel ORDER BY channel`,
    args: q.args,
  });
  return r.rows.map((row) => ({
    channel: String(row.channel),
    sent: n(row.sent),
    delivered: n(row.delivered),
    opened: n(row.opened),
    clicked: n(row.clicked),
    replied: n(row.replied),
    failed: n(row.failed),
    engagementRate: rate(n(row.opened), n(row.sent)),
  }));
}

/**
 * Sent and answered per channel by the local hour (or weekday) the message went out. The zone's
 * offset is taken at the end of the period: exact for zones without daylight saving (Vietnam).
 */
export async function timeCells(db: Db, workspaceId: string, p: Period, timeZone: string, by: 'hour' | 'weekday'): Promise<TimeCell[]> {
  const offsetMs = zoneOffsetMinutes(timeZone, p.to) * 60_000;
  const fmt = by === 'hour' ? '%H' : '%w';
  const q = scope(workspaceId, p);
  const r = await db.$client.execute({
    sql: `SELECT channel, CAST(strftime('${fmt}', (created_at + ?) / 1000, 'unixepoch') AS INTEGER) AS slot, SUM(${SENT}) AS sent, SUM(${ENGAGED}) AS engaged
          FROM messages WHERE ${q.where} GROUP BY channel, slot ORDER BY channel, slot`,
    args: [offsetMs, ...q.args],
  });
  return r.rows.map((row) => ({ channel: String(row.channel), slot: n(row.slot), sent: n(row.sent), engaged: n(row.engaged) }));
}

/** Per segment (customer group) and channel: how many of its members were reached and answered. */
export async function groupChannelFigures(db: Db, workspaceId: string, p: Period): Promise<GroupChannelFigures[]> {
  const r = await db.$client.execute({
    sql: `SELECT s.id AS segment_id, s.name AS segment, m.channel, COUNT(DISTINCT m.customer_id) AS customers, SUM(m.${SENT}) AS sent, SUM(m.${ENGAGED}) AS engaged
          FROM (SELECT id, name FROM segments WHERE workspace_id = ? LIMIT 200) s
          JOIN segment_members sm ON sm.segment_id = s.id
          JOIN messages m ON m.workspace_id = ? AND m.customer_id = sm.customer_id AND m.created_at >= ? AND m.created_at < ?
          GROUP BY s.id, m.channel ORDER BY s.name, m.channel`,
    args: [workspaceId, workspaceId, p.from, p.to],
  });
  return r.rows.map((row) => ({
    segmentId: String(row.segment_id),
    segment: String(row.segment),
    channel: String(row.channel),
    customers: n(row.customers),
    sent: n(row.sent),
    engaged: n(row.engaged),
    engagementRate: rate(n(row.engaged), n(row.sent)),
  }));
}
