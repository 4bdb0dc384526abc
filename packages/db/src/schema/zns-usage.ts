// Zalo's OA quota counts ZNS per day. Every ZNS admission checks it, so the count is kept here by
// triggers on `messages` (see the migration that adds this table) instead of being counted from
// the day's rows: counting walked every ZNS of the workspace that day for each admission, and a
// ZNS broadcast grew quadratic.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Vietnam time, UTC+07:00 all year (no daylight saving since 1975): where Zalo's day turns. */
export const ZALO_DAY_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The start of the Zalo day `at` (ms since 1970) falls on: the triggers' `day_start`, in the same arithmetic. */
export function zaloDayStart(at: number): number {
  return at - ((at + ZALO_DAY_OFFSET_MS) % DAY_MS);
}

/**
 * ZNS messages holding a slot of the OA's daily quota (admitted and not failed), per workspace and
 * Zalo day. Kept by the `zns_usage_*` triggers in the same statement as the message row's own
 * change, so a count read inside an INSERT … SELECT is as atomic as counting the rows was.
 */
export const znsDailyUsage = sqliteTable(
  'zns_daily_usage',
  {
    workspaceId: text('workspace_id').notNull(),
    /** The instant (ms) the Zalo day starts: midnight in Vietnam. */
    dayStart: integer('day_start').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.dayStart] })],
);
