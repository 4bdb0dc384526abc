// /api/reports: a journey version's results (summary, steps, A/B groups), engagement per channel
// and customer group by hour and weekday, and every table as a CSV that streams.
import { and, desc, eq, journeys, segments, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { JourneyParam } from '../journeys/schemas';
import { ApiError } from '../errors';
import { csvHeaders, csvOf, csvStream, type CsvValue } from './csv';
import { channelFigures, groupChannelFigures, MAX_PERIOD_MS, timeCells, workspaceTimeZone } from './engagement';
import { enrolmentPage, findJourneyVersion, groupFigures, journeySummary, stepFigures, vnd, type JourneyVersionRef } from './journey-report';

const tags = ['reports'];
const EXPORT_PAGE = 1_000;

const Summary = z
  .object({
    entered: z.number().int(),
    inProgress: z.number().int(),
    converted: z.number().int(),
    conversionRate: z.number().openapi({ description: 'converted / entered, 0–1' }),
    revenue: z.number().openapi({ description: 'VND of `Order Completed` within the goal window after entering' }),
    referralsCredited: z.number().int().openapi({ description: '`Referral Credited` events of the enrolled customers within the goal window' }),
  })
  .openapi('JourneyReportSummary');
const Step = z
  .object({
    nodeId: z.string(),
    type: z.string(),
    label: z.string().nullable(),
    entered: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    opened: z.number().int(),
    clicked: z.number().int(),
    replied: z.number().int(),
    failed: z.number().int(),
    postponed: z.number().int(),
  })
  .openapi('JourneyReportStep');
const Group = z
  .object({
    splitNodeId: z.string(),
    group: z.string().openapi({ description: '`path0`, `path1` … or `holdout`' }),
    label: z.string(),
    holdout: z.boolean(),
    size: z.number().int(),
    converted: z.number().int(),
    conversionRate: z.number(),
    revenue: z.number(),
  })
  .openapi('JourneyReportGroup');
const JourneyReport = z
  .object({
    journey: z.object({ id: z.string(), name: z.string(), version: z.number().int().nullable(), goalEvent: z.string().nullable(), goalWindowMs: z.number().int().nullable() }),
    summary: Summary,
    steps: z.array(Step),
    groups: z.array(Group),
  })
  .openapi('JourneyReport');

const VersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const JourneyTable = z.enum(['summary', 'steps', 'groups', 'enrolments']);
const EngagementTable = z.enum(['channels', 'hours', 'weekdays', 'groups']);
const PeriodQuery = z.object({
  from: z.coerce.number().int().min(0).optional().openapi({ description: 'ms since epoch; default 30 days before `to`' }),
  to: z.coerce.number().int().min(0).optional().openapi({ description: 'ms since epoch; default now' }),
  segment: z.string().min(1).max(100).optional().openapi({ description: 'Only the members of this customer group (segment id): channels, hours and weekdays' }),
});
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });

const listRoute = createRoute({
  method: 'get',
  path: '/journeys',
  tags,
  summary: 'Every journey (newest first, at most 100) with the summary of its active version',
  security,
  responses: { 200: json(z.object({ journeys: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), version: z.number().int().nullable(), summary: Summary })) }), 'Journeys'), ...errorResponses },
});
const journeyRoute = createRoute({
  method: 'get',
  path: '/journeys/{id}',
  tags,
  summary: 'One version of a journey (default: the active one): entered, in progress, converted, revenue, per-step message figures, A/B groups',
  security,
  request: { params: JourneyParam, query: VersionQuery },
  responses: { 200: json(JourneyReport, 'Report'), ...errorResponses, ...notFound },
});
const journeyExport = createRoute({
  method: 'get',
  path: '/journeys/{id}/export',
  tags,
  summary: 'A table of the journey report as CSV, streamed; `enrolments` has one row per enrolment',
  security,
  request: { params: JourneyParam, query: VersionQuery.extend({ table: JourneyTable }) },
  responses: { 200: csv('CSV'), ...errorResponses, ...notFound },
});
const engagementRoute = createRoute({
  method: 'get',
  path: '/engagement',
  tags,
  summary: 'Messages and answers per channel, per customer group, by hour of day and day of week (workspace time zone)',
  security,
  request: { query: PeriodQuery },
  responses: {
    200: json(
      z.object({
        timezone: z.string(),
        segment: z.string().nullable(),
        from: z.number().int(),
        to: z.number().int(),
        channels: z.array(z.object({ channel: z.string(), sent: z.number().int(), delivered: z.number().int(), opened: z.number().int(), clicked: z.number().int(), replied: z.number().int(), failed: z.number().int(), engagementRate: z.number() })),
        byHour: z.array(z.object({ channel: z.string(), slot: z.number().int(), sent: z.number().int(), engaged: z.number().int() })),
        byWeekday: z.array(z.object({ channel: z.string(), slot: z.number().int().openapi({ description: '0 Sunday … 6 Saturday' }), sent: z.number().int(), engaged: z.number().int() })),
        groups: z.array(z.object({ segmentId: z.string(), segment: z.string(), channel: z.string(), customers: z.number().int(), sent: z.number().int(), engaged: z.number().int(), engagementRate: z.number() })),
      }),
      'Engagement',
    ),
    ...errorResponses,
    ...notFound,
  },
});
const engagementExport = createRoute({
  method: 'get',
  path: '/engagement/export',
  tags,
  summary: 'A table of the engagement report as CSV',
  security,
  request: { query: PeriodQuery.extend({ table: EngagementTable }) },
  responses: { 200: csv('CSV'), ...errorResponses },
});

function periodOf(q: { from?: number; to?: number; segment?: string }) {
  const to = q.to ?? Date.now();
  const from = q.from ?? to - 30 * 86_400_000;
  if (from >= to) throw new ApiError(400, 'invalid_request', '`from` must be before `to`', [{ field: 'from', message: 'must be before to' }]);
  if (to - from > MAX_PERIOD_MS) throw new ApiError(400, 'invalid_request', 'A report covers at most 366 days', [{ field: 'from', message: 'at most 366 days before to' }]);
  return { from, to, ...(q.segment ? { segmentId: q.segment } : {}) };
}

const emptySummary = { entered: 0, inProgress: 0, converted: 0, conversionRate: 0, revenue: 0, referralsCredited: 0 };

async function reportOf(db: Db, ref: JourneyVersionRef | null) {
  if (!ref) return { summary: emptySummary, steps: [], groups: [] };
  const [summary, steps, groups] = await Promise.all([journeySummary(db, ref), stepFigures(db, ref), groupFigures(db, ref)]);
  // A trigger logs no step of its own: everyone who entered came through it.
  for (const step of steps) if (step.type.startsWith('trigger-')) step.entered = summary.entered;
  return { summary, steps, groups };
}

/** Pages of enrolments, status by status, each page after the last rowid read. */
export function enrolmentRows(db: Db, ref: JourneyVersionRef) {
  const statuses = ['active', 'completed', 'converted', 'exited', 'failed'];
  let at = 0;
  let after = 0;
  return async (): Promise<CsvValue[][] | null> => {
    while (at < statuses.length) {
      const rows = await enrolmentPage(db, ref, statuses[at]!, after, EXPORT_PAGE);
      if (rows.length < EXPORT_PAGE) {
        at++;
        after = 0;
      } else after = Number(rows[rows.length - 1]!.rid);
      if (rows.length === 0) continue;
      return rows.map((r) => [
        String(r.id),
        String(r.customer_id),
        Number(r.version),
        String(r.status),
        new Date(Number(r.entered_at)).toISOString(),
        r.finished_at === null ? null : new Date(Number(r.finished_at)).toISOString(),
        Number(r.converted),
        vnd(r.revenue),
        Number(r.referrals),
      ]);
    }
    return null;
  };
}

export function reportRoutes(db: Db) {
  const app = adminApp();
  return app
    .openapi(listRoute, async (c) => {
      const workspaceId = c.get('workspaceId');
      const rows = await db
        .select({ id: journeys.id, name: journeys.name, status: journeys.status })
        .from(journeys)
        .where(and(eq(journeys.workspaceId, workspaceId)))
        .orderBy(desc(journeys.createdAt))
        .limit(100);
      const out = [];
      for (const row of rows) {
        const ref = await findJourneyVersion(db, workspaceId, row.id);
        out.push({ ...row, version: ref?.version ?? null, summary: ref ? await journeySummary(db, ref) : emptySummary });
      }
      return c.json({ journeys: out }, 200);
    })
    .openapi(journeyRoute, async (c) => {
      const ref = await findJourneyVersion(db, c.get('workspaceId'), c.req.valid('param').id, c.req.valid('query').version);
      const [journey] = await db.select({ id: journeys.id, name: journeys.name }).from(journeys).where(eq(journeys.id, c.req.valid('param').id)).limit(1);
      return c.json(
        {
          journey: { id: journey!.id, name: journey!.name, version: ref?.version ?? null, goalEvent: ref?.goalEvent ?? null, goalWindowMs: ref?.goalWindowMs ?? null },
          ...(await reportOf(db, ref)),
        },
        200,
      );
    })
    .openapi(journeyExport, async (c) => {
      const { id } = c.req.valid('param');
      const { version, table } = c.req.valid('query');
      const ref = await findJourneyVersion(db, c.get('workspaceId'), id, version);
      const name = `journey-${id}-v${ref?.version ?? 0}-${table}.csv`;
      let body: ReadableStream<Uint8Array>;
      if (table === 'enrolments') {
        const header = ['enrolment', 'customer', 'version', 'status', 'entered_at', 'finished_at', 'converted', 'revenue_vnd', 'referrals_credited'];
        body = ref ? csvStream(header, enrolmentRows(db, ref)) : csvOf(header, []);
      } else {
        const report = await reportOf(db, ref);
        if (table === 'summary') {
          const s = report.summary;
          body = csvOf(['version', 'entered', 'in_progress', 'converted', 'conversion_rate', 'revenue_vnd', 'referrals_credited'], [[ref?.version ?? null, s.entered, s.inProgress, s.converted, s.conversionRate, s.revenue, s.referralsCredited]]);
        } else if (table === 'steps') {
          body = csvOf(
            ['step', 'type', 'name', 'entered', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'failed', 'postponed'],
            report.steps.map((s) => [s.nodeId, s.type, s.label, s.entered, s.sent, s.delivered, s.opened, s.clicked, s.replied, s.failed, s.postponed]),
          );
        } else {
          body = csvOf(
            ['split_step', 'group', 'label', 'holdout', 'size', 'converted', 'conversion_rate', 'revenue_vnd'],
            report.groups.map((g) => [g.splitNodeId, g.group, g.label, g.holdout, g.size, g.converted, g.conversionRate, g.revenue]),
          );
        }
      }
      return c.body(body, 200, csvHeaders(name));
    })
    .openapi(engagementRoute, async (c) => {
      const workspaceId = c.get('workspaceId');
      const period = periodOf(c.req.valid('query'));
      if (period.segmentId) {
        const [found] = await db.select({ id: segments.id }).from(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, period.segmentId))).limit(1);
        if (!found) throw new ApiError(404, 'not_found', 'No such customer group in this workspace', [{ field: 'segment', message: 'unknown segment' }]);
      }
      const timezone = await workspaceTimeZone(db, workspaceId);
      const [channels, byHour, byWeekday, groups] = await Promise.all([
        channelFigures(db, workspaceId, period),
        timeCells(db, workspaceId, period, timezone, 'hour'),
        timeCells(db, workspaceId, period, timezone, 'weekday'),
        groupChannelFigures(db, workspaceId, period),
      ]);
      return c.json({ timezone, from: period.from, to: period.to, segment: period.segmentId ?? null, channels, byHour, byWeekday, groups }, 200);
    })
    .openapi(engagementExport, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { table, ...q } = c.req.valid('query');
      const period = periodOf(q);
      const timezone = await workspaceTimeZone(db, workspaceId);
      let body: ReadableStream<Uint8Array>;
      if (table === 'channels') {
        const rows = await channelFigures(db, workspaceId, period);
        body = csvOf(['channel', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'failed', 'engagement_rate'], rows.map((r) => [r.channel, r.sent, r.delivered, r.opened, r.clicked, r.replied, r.failed, r.engagementRate]));
      } else if (table === 'groups') {
        const rows = await groupChannelFigures(db, workspaceId, period);
        body = csvOf(['segment', 'channel', 'customers', 'sent', 'engaged', 'engagement_rate'], rows.map((r) => [r.segment, r.channel, r.customers, r.sent, r.engaged, r.engagementRate]));
      } else {
        const by = table === 'hours' ? 'hour' : 'weekday';
        const rows = await timeCells(db, workspaceId, period, timezone, by);
        body = csvOf(['channel', by === 'hour' ? `hour (${timezone})` : `weekday (0 = Sunday, ${timezone})`, 'sent', 'engaged'], rows.map((r) => [r.channel, r.slot, r.sent, r.engaged]));
      }
      return c.body(body, 200, csvHeaders(`engagement-${table}.csv`));
    });
}
