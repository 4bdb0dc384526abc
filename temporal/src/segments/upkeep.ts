// Segment upkeep, run by every API process on intervals. Three passes, one at a time:
// - touches: profiles changed by anyone (ingestion, a journey step, a person, a merge) are
//   re-evaluated against every segment of their workspace;
// - schedule: a due segment (new or changed rule; rules counting events, as windows expire) is
//   evaluated over all its workspace's customers in bounded batches by id, under a lease so two
//   processes never run the same segment, resuming from its cursor after a crash;
// - joins: joins not yet routed (recorded by the passes above, or left by a crash in routing)
//   enrol the customer into the segment's journeys.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sql, type Db } from '@braid/db';
import type { JourneyIndex } from '../routing/journey-index';
import { enrolJoins, type JoinOutcome } from './enrol-joins';
import { dependenciesOf, evaluateMembership, loadWorkspaceSegments, refreshCustomers, type Join } from './membership';

export type SegmentUpkeepOptions = {
  db: Db;
  /** Without a runtime, membership is still kept; joins wait for a process that can enrol. */
  client: Client | null;
  index: JourneyIndex | null;
  touchesEveryMs?: number;
  scheduleEveryMs?: number;
  joinsEveryMs?: number;
  /** How often a rule that counts events is evaluated again over everyone (windows expire). */
  reevaluateEveryMs?: number;
  /** Customers per statement in a scheduled pass. */
  batchSize?: number;
  /** Batches a scheduled pass runs before letting the other passes in (it resumes on the next tick). */
  batchesPerPass?: number;
  leaseMs?: number;
  /** Touched profiles in one workspace from which a full evaluation replaces per-profile lookups. */
  bulkTouchThreshold?: number;
  now?: () => number;
  onJoinsRouted?: (outcomes: JoinOutcome[]) => void;
};

export type UpkeepReport = { touched: number; evaluated: number; joined: number; left: number; routed: number };

export type SegmentUpkeep = {
  /** Runs the passes now (after a change this process made) instead of on the next tick. */
  kick(): void;
  /** One round of every pass, until nothing is due (tests, benchmarks). */
  runUntilIdle(maxRounds?: number): Promise<UpkeepReport>;
  stop(): Promise<void>;
};

const NEVER = 8_640_000_000_000_000;
const TOUCH_BATCH = 500;

/** Marks segments for evaluation over everyone now (a rule is new or changed); a pass running on the old rule loses its lease. */
export async function scheduleSegmentEvaluation(db: Db, workspaceId: string, segmentIds: readonly string[], now: number): Promise<void> {
  for (const id of segmentIds) {
    await db.run(
      sql`INSERT INTO segment_upkeep (segment_id, workspace_id, due_at, cursor, lease_holder, lease_until, evaluated_at) VALUES (${id}, ${workspaceId}, ${now}, NULL, NULL, 0, NULL)
          ON CONFLICT (segment_id) DO UPDATE SET due_at = ${now}, cursor = NULL, evaluated_at = NULL, lease_holder = NULL, lease_until = 0`,
    );
  }
}

export function startSegmentUpkeep(options: SegmentUpkeepOptions): SegmentUpkeep {
  const { db } = options;
  const now = options.now ?? Date.now;
  const holder = randomUUID();
  const batchSize = options.batchSize ?? 1_000;
  const batchesPerPass = options.batchesPerPass ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  const reevaluateEveryMs = options.reevaluateEveryMs ?? 10 * 60_000;
  const bulkTouchThreshold = options.bulkTouchThreshold ?? 5_000;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Set<string>();
  const timers: ReturnType<typeof setInterval>[] = [];

  const empty = (): UpkeepReport => ({ touched: 0, evaluated: 0, joined: 0, left: 0, routed: 0 });
  const add = (a: UpkeepReport, b: UpkeepReport): UpkeepReport => ({
    touched: a.touched + b.touched,
    evaluated: a.evaluated + b.evaluated,
    joined: a.joined + b.joined,
    left: a.left + b.left,
    routed: a.routed + b.routed,
  });

  /** One batch of touched profiles; returns how many there were. */
  async function touchesBatch(report: UpkeepReport): Promise<number> {
    const rows = await db.all<{ customer_id: string; workspace_id: string; touched_at: number }>(
      sql`SELECT customer_id, workspace_id, touched_at FROM segment_touches ORDER BY touched_at LIMIT ${TOUCH_BATCH}`,
    );
    if (rows.length === 0) return 0;
    const byWorkspace = new Map<string, string[]>();
    for (const r of rows) byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), r.customer_id]);
    for (const [workspaceId, ids] of byWorkspace) {
      const all = await loadWorkspaceSegments(db, workspaceId);
      const result = await refreshCustomers(db, all, ids, 'all', { now: now() });
      report.joined += result.joined.length;
      report.left += result.left.length;
    }
    // A profile touched again while it was evaluated keeps its newer touch.
    const seen = Math.max(...rows.map((r) => Number(r.touched_at)));
    await db.run(sql`DELETE FROM segment_touches WHERE customer_id IN (SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.customer_id))})) AND touched_at <= ${seen}`);
    report.touched += rows.length;
    return rows.length;
  }

  /**
   * A bulk change (an import, a journey step run for thousands) touches many profiles at once:
   * evaluating everyone in batches by id is cheaper than looking them up one list at a time.
   */
  async function bulkTouches(report: UpkeepReport): Promise<void> {
    const bulk = await db.all<{ workspace_id: string; latest: number }>(
      sql`SELECT workspace_id, max(touched_at) AS latest FROM segment_touches GROUP BY workspace_id HAVING count(*) >= ${bulkTouchThreshold}`,
    );
    for (const { workspace_id: workspaceId, latest } of bulk) {
      const all = await loadWorkspaceSegments(db, workspaceId);
      await scheduleSegmentEvaluation(db, workspaceId, [...all.rules.keys()], now());
      const done = await db.run(sql`DELETE FROM segment_touches WHERE workspace_id = ${workspaceId} AND touched_at <= ${latest}`);
      report.touched += done.rowsAffected;
    }
  }

  /** After a bulk change, several batches per tick (bounded) so thousands of edits settle in seconds. */
  async function touchesPass(): Promise<UpkeepReport> {
    const report = empty();
    await bulkTouches(report);
    for (let i = 0; i < batchesPerPass && !stopped; i++) {
      if ((await touchesBatch(report)) < TOUCH_BATCH) break;
    }
    return report;
  }

  /** Segments saved before upkeep existed (or whose row went missing) get one; deleted ones lose it. */
  async function adoptSegments(at: number): Promise<void> {
    await db.run(
      sql`INSERT INTO segment_upkeep (segment_id, workspace_id, due_at, cursor, lease_holder, lease_until, evaluated_at)
          SELECT s.id, s.workspace_id, ${at}, NULL, NULL, 0, NULL FROM segments s WHERE NOT EXISTS (SELECT 1 FROM segment_upkeep u WHERE u.segment_id = s.id)`,
    );
    await db.run(sql`DELETE FROM segment_upkeep WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.id = segment_upkeep.segment_id)`);
  }

  async function schedulePass(): Promise<UpkeepReport> {
    const report = empty();
    const at = now();
    await adoptSegments(at);
    const [claimed] = await db.all<{ segment_id: string; workspace_id: string; cursor: string | null }>(
      sql`UPDATE segment_upkeep SET lease_holder = ${holder}, lease_until = ${at + leaseMs}
          WHERE segment_id = (SELECT segment_id FROM segment_upkeep WHERE due_at <= ${at} AND lease_until <= ${at} ORDER BY due_at LIMIT 1)
          RETURNING segment_id, workspace_id, cursor`,
    );
    if (!claimed) return report;
    const segmentId = claimed.segment_id;
    const workspaceId = claimed.workspace_id;
    const all = await loadWorkspaceSegments(db, workspaceId);
    let cursor = claimed.cursor;
    for (let batch = 0; batch < batchesPerPass && !stopped; batch++) {
      const [edge] = await db.all<{ id: string }>(
        cursor === null
          ? sql`SELECT id FROM customers WHERE workspace_id = ${workspaceId} ORDER BY id LIMIT 1 OFFSET ${batchSize - 1}`
          : sql`SELECT id FROM customers WHERE workspace_id = ${workspaceId} AND id > ${cursor} ORDER BY id LIMIT 1 OFFSET ${batchSize - 1}`,
      );
      const upTo = edge?.id ?? null;
      const result = await evaluateMembership(db, all, segmentId, { after: cursor, upTo }, { now: now() });
      report.evaluated += 1;
      report.joined += result.joined.length;
      report.left += result.left.length;
      const t = now();
      if (upTo === null) {
        // Done: rules that count events come back as their windows move; the others only change with profiles and events.
        const next = dependenciesOf(segmentId, all).countsEvents ? t + reevaluateEveryMs : NEVER;
        await db.run(
          sql`UPDATE segment_upkeep SET cursor = NULL, evaluated_at = ${t}, due_at = ${next}, lease_holder = NULL, lease_until = 0
              WHERE segment_id = ${segmentId} AND lease_holder = ${holder}`,
        );
        return report;
      }
      cursor = upTo;
      const kept = await db.all<{ segment_id: string }>(
        sql`UPDATE segment_upkeep SET cursor = ${cursor}, lease_until = ${t + leaseMs} WHERE segment_id = ${segmentId} AND lease_holder = ${holder} RETURNING segment_id`,
      );
      // The rule changed meanwhile (saving takes the lease away) or the lease ran out: stop here.
      if (kept.length === 0) return report;
    }
    // Not finished: let the other passes in; the next tick resumes from the cursor.
    await db.run(sql`UPDATE segment_upkeep SET lease_holder = NULL, lease_until = 0 WHERE segment_id = ${segmentId} AND lease_holder = ${holder}`);
    return report;
  }

  async function joinsPass(): Promise<UpkeepReport> {
    const report = empty();
    if (!options.client || !options.index) return report;
    const at = now();
    const rows = await db.all<{ id: number; workspace_id: string; segment_id: string; customer_id: string; at: number }>(
      sql`UPDATE segment_changes SET lease_until = ${at + leaseMs}
          WHERE id IN (SELECT id FROM segment_changes WHERE routed_at IS NULL AND lease_until <= ${at} ORDER BY id LIMIT 500)
          RETURNING id, workspace_id, segment_id, customer_id, at`,
    );
    const byWorkspace = new Map<string, Join[]>();
    for (const r of rows) {
      const join: Join = { changeId: Number(r.id), segmentId: r.segment_id, customerId: r.customer_id, at: Number(r.at) };
      byWorkspace.set(r.workspace_id, [...(byWorkspace.get(r.workspace_id) ?? []), join]);
    }
    for (const [workspaceId, joins] of byWorkspace) {
      const outcomes = await enrolJoins({ db, client: options.client, index: options.index, now }, workspaceId, joins, { replay: true });
      options.onJoinsRouted?.(outcomes);
      report.routed += joins.length;
    }
    return report;
  }

  /** Passes run one at a time; a failing one (database busy, Temporal away) is logged and retried on its next tick. */
  function run(name: string, pass: () => Promise<UpkeepReport>): Promise<UpkeepReport> {
    if (queued.has(name)) return Promise.resolve(empty());
    queued.add(name);
    const next = chain.then(async () => {
      queued.delete(name);
      if (stopped) return empty();
      try {
        return await pass();
      } catch (error) {
        console.error(`[segments] ${name} failed: ${(error as Error).message}`);
        return empty();
      }
    });
    chain = next;
    return next;
  }
  const every = (ms: number, name: string, pass: () => Promise<UpkeepReport>) => {
    const t = setInterval(() => void run(name, pass), ms);
    t.unref();
    timers.push(t);
  };
  /** Joins found by a pass are enrolled right after it, not on the next joins tick. */
  const thenEnrol = (pass: () => Promise<UpkeepReport>) => async () => {
    const report = await pass();
    return report.joined > 0 ? add(report, await joinsPass()) : report;
  };
  every(options.touchesEveryMs ?? 250, 'touches', thenEnrol(touchesPass));
  every(options.scheduleEveryMs ?? 2_000, 'schedule', thenEnrol(schedulePass));
  every(options.joinsEveryMs ?? 1_000, 'joins', joinsPass);

  return {
    kick() {
      void run('touches', thenEnrol(touchesPass));
    },
    async runUntilIdle(maxRounds = 10_000) {
      let total = empty();
      for (let round = 0; round < maxRounds; round++) {
        const r = add(add(await run('touches', touchesPass), await run('schedule', schedulePass)), await run('joins', joinsPass));
        total = add(total, r);
        if (r.touched + r.evaluated + r.routed === 0) break;
      }
      return total;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await chain;
    },
  };
}
