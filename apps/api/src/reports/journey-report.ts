// A journey version's results, aggregated in the database: who entered, who is still in, who
// converted and the order revenue attributed to them (orders inside the goal window), what each
// step's messages did, and how the groups of an A/B split or holdout compare. Every query is
// bounded by the journey and version and walks an index; nothing loads the enrolments.
import { and, eq, journeys, type Db, type InValue } from '@braid/db';
import { ApiError } from '../errors';

/** The goal node's default window: orders this long after entering count for the journey. */
export const DEFAULT_GOAL_WINDOW_MS = 30 * 86_400_000;
export const ORDER_EVENT = 'Order Completed';
export const REFERRAL_EVENT = 'Referral Credited';

export interface JourneyVersionRef {
  journeyId: string;
  workspaceId: string;
  name: string;
  version: number;
  goalWindowMs: number;
  goalEvent: string | null;
  graph: { nodes: { id: string; type: string; label?: string; config?: unknown }[] };
}

type Ir = { goal?: { match?: { event?: string }; windowMs?: number } | null };

/** The journey and the version asked for (default: the active one, else the latest). */
export async function findJourneyVersion(db: Db, workspaceId: string, journeyId: string, version?: number): Promise<JourneyVersionRef | null> {
  const [journey] = await db
    .select({ id: journeys.id, name: journeys.name, activeVersion: journeys.activeVersion })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId)))
    .limit(1);
  if (!journey) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
  const wanted = version ?? journey.activeVersion;
  const rows = await db.$client.execute({
    sql: `SELECT version, ir, graph FROM journey_versions WHERE journey_id = ? ${wanted ? 'AND version = ?' : ''} ORDER BY version DESC LIMIT 1`,
    args: wanted ? [journey.id, wanted] : [journey.id],
  });
  const row = rows.rows[0];
  if (!row) {
    if (version) throw new ApiError(404, 'not_found', 'This journey has no such version', [{ field: 'version', message: `version ${version} was never published` }]);
    return null;
  }
  const ir = JSON.parse(String(row.ir)) as Ir;
  return {
    journeyId: journey.id,
    workspaceId,
    name: journey.name,
    version: Number(row.version),
    goalWindowMs: ir.goal?.windowMs ?? DEFAULT_GOAL_WINDOW_MS,
    goalEvent: ir.goal?.match?.event ?? null,
    graph: JSON.parse(String(row.graph)) as JourneyVersionRef['graph'],
  };
}

/**
 * Per enrolment: converted (the goal reached, whether it ended the journey or jumped to the
 * after-converting path), the orders and their revenue inside the goal window, and the referrals
 * credited to the customer in that window. Used as a subquery by the summary, the groups and the
 * export. `?` parameters, in order: window, window.
 */
export const PER_ENROLMENT = `
  CASE WHEN e.status = 'converted' OR EXISTS (SELECT 1 FROM step_log s WHERE s.enrollment_id = e.id AND s.outcome = 'converted') THEN 1 ELSE 0 END AS converted,
  (SELECT COALESCE(SUM(CAST(json_extract(o.properties, '$.revenue') AS REAL)), 0) FROM events o
     WHERE o.workspace_id = e.workspace_id AND o.customer_id = e.customer_id
       AND o.timestamp >= e.entered_at AND o.timestamp <= e.entered_at + ? AND o.name = '${ORDER_EVENT}') AS revenue,
  (SELECT COUNT(*) FROM events r
     WHERE r.workspace_id = e.workspace_id AND r.customer_id = e.customer_id
       AND r.timestamp >= e.entered_at AND r.timestamp <= e.entered_at + ? AND r.name = '${REFERRAL_EVENT}') AS referrals`;

export interface JourneySummary {
  entered: number;
  inProgress: number;
  converted: number;
  conversionRate: number;
  revenue: number;
  referralsCredited: number;
}

const n = (v: unknown) => Number(v ?? 0);
const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
/** Revenue as reported: whole VND. */
export const vnd = (v: unknown) => Math.round(n(v));

/** The version's enrolments with their PER_ENROLMENT figures. `?`: window, window, journey, version. */
const ENROLMENTS = `(SELECT e.id, e.status, ${PER_ENROLMENT} FROM enrollments e WHERE e.journey_id = ? AND e.version = ?)`;
const enrolmentArgs = (ref: JourneyVersionRef): InValue[] => [ref.goalWindowMs, ref.goalWindowMs, ref.journeyId, ref.version];
/** Totals over some of those enrolments (aliased `x`): the whole version, or one group of a split. */
const TOTALS = `COUNT(*) AS entered, SUM(x.status = 'active') AS active, SUM(x.converted) AS converted, SUM(x.revenue) AS revenue, SUM(x.referrals) AS referrals`;

function totalsOf(row: Record<string, unknown>): JourneySummary {
  const entered = n(row.entered);
  const converted = n(row.converted);
  return { entered, inProgress: n(row.active), converted, conversionRate: rate(converted, entered), revenue: vnd(row.revenue), referralsCredited: n(row.referrals) };
}

export async function journeySummary(db: Db, ref: JourneyVersionRef): Promise<JourneySummary> {
  const r = await db.$client.execute({ sql: `SELECT ${TOTALS} FROM ${ENROLMENTS} x`, args: enrolmentArgs(ref) });
  return totalsOf(r.rows[0] ?? {});
}

export interface StepFigures {
  nodeId: string;
  type: string;
  label: string | null;
  entered: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  failed: number;
  postponed: number;
}

/**
 * A message keeps its furthest status, so the counts are cumulative: a clicked message was also
 * sent, delivered and opened; a reply means it was read.
 */
export async function stepFigures(db: Db, ref: JourneyVersionRef): Promise<StepFigures[]> {
  const [msgs, steps] = await Promise.all([
    db.$client.execute({
      sql: `SELECT node_id,
              SUM(status IN ('sent','delivered','opened','clicked','replied')) AS sent,
              SUM(status IN ('delivered','opened','clicked','replied')) AS delivered,
              SUM(status IN ('opened','clicked','replied')) AS opened,
              SUM(status = 'clicked') AS clicked,
              SUM(status = 'replied') AS replied,
              SUM(status = 'failed') AS failed,
              SUM(status = 'postponed') AS postponed
            FROM messages WHERE journey_id = ? AND version = ? GROUP BY node_id`,
      args: [ref.journeyId, ref.version],
    }),
    db.$client.execute({
      sql: `SELECT node_id, SUM(outcome = 'entered') AS entered, SUM(outcome = 'failed') AS failed, SUM(outcome = 'postponed') AS postponed
            FROM step_log WHERE journey_id = ? AND version = ? GROUP BY node_id`,
      args: [ref.journeyId, ref.version],
    }),
  ]);
  const byNode = new Map<string, StepFigures>();
  for (const node of ref.graph.nodes) {
    byNode.set(node.id, { nodeId: node.id, type: node.type, label: node.label ?? null, entered: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, replied: 0, failed: 0, postponed: 0 });
  }
  for (const row of steps.rows) {
    const s = byNode.get(String(row.node_id));
    if (!s) continue;
    s.entered = n(row.entered);
    s.failed = n(row.failed);
    s.postponed = n(row.postponed);
  }
  for (const row of msgs.rows) {
    const s = byNode.get(String(row.node_id));
    if (!s) continue;
    s.sent = n(row.sent);
    s.delivered = n(row.delivered);
    s.opened = n(row.opened);
    s.clicked = n(row.clicked);
    s.replied = n(row.replied);
    // A send step's failures and postponements are its messages'; others' come from the step log.
    s.failed = Math.max(s.failed, n(row.failed));
    s.postponed = Math.max(s.postponed, n(row.postponed));
  }
  return [...byNode.values()];
}

export interface GroupFigures {
  splitNodeId: string;
  group: string;
  label: string;
  holdout: boolean;
  size: number;
  converted: number;
  conversionRate: number;
  revenue: number;
}

type SplitConfig = { branches?: { label?: string; percent?: number }[]; holdoutPercent?: number };

/** Each random split's groups (A, B, ..., holdout) side by side: size, conversion, revenue. */
export async function groupFigures(db: Db, ref: JourneyVersionRef): Promise<GroupFigures[]> {
  const splits = ref.graph.nodes.filter((node) => node.type === 'condition-random-split').slice(0, 20);
  const out: GroupFigures[] = [];
  for (const split of splits) {
    const config = (split.config ?? {}) as SplitConfig;
    const labels = new Map<string, { label: string; holdout: boolean }>();
    (config.branches ?? []).forEach((b, i) => labels.set(`path${i}`, { label: b.label ?? `path${i}`, holdout: false }));
    labels.set('holdout', { label: 'holdout', holdout: true });
    // The interpreter logs the chosen path as "random split: <port>".
    const r = await db.$client.execute({
      sql: `SELECT g.port, ${TOTALS}
            FROM (SELECT s.enrollment_id, substr(s.reason, 15) AS port FROM step_log s
                  WHERE s.journey_id = ? AND s.version = ? AND s.node_id = ? AND s.outcome = 'left' AND s.reason LIKE 'random split: %'
                  GROUP BY s.enrollment_id) g
            JOIN ${ENROLMENTS} x ON x.id = g.enrollment_id
            GROUP BY g.port ORDER BY g.port`,
      args: [ref.journeyId, ref.version, split.id, ...enrolmentArgs(ref)],
    });
    const seen = new Map(r.rows.map((row) => [String(row.port), row]));
    for (const [port, meta] of labels) {
      const row = seen.get(port);
      if (!row && meta.holdout && !(config.holdoutPercent && config.holdoutPercent > 0)) continue;
      const totals = totalsOf(row ?? {});
      out.push({ splitNodeId: split.id, group: port, label: meta.label, holdout: meta.holdout, size: totals.entered, converted: totals.converted, conversionRate: totals.conversionRate, revenue: totals.revenue });
    }
  }
  return out;
}

/** Rows for the per-enrolment export, one page after `afterRowid` (keyset: journey, status, rowid). */
export async function enrolmentPage(db: Db, ref: JourneyVersionRef, status: string, afterRowid: number, limit: number) {
  const r = await db.$client.execute({
    sql: `SELECT e.rowid AS rid, e.id, e.customer_id, e.version, e.status, e.entered_at, e.finished_at, ${PER_ENROLMENT}
          FROM enrollments e WHERE e.journey_id = ? AND e.status = ? AND e.rowid > ? AND e.version = ?
          ORDER BY e.rowid LIMIT ?`,
    args: [ref.goalWindowMs, ref.goalWindowMs, ref.journeyId, status, afterRowid, ref.version, limit] satisfies InValue[],
  });
  return r.rows;
}
