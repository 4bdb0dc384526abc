// One timeline of everything that happened to a customer across channels: events they sent,
// messages Braid sent them (with delivery / open / click / reply status) and the journey steps
// they passed, newest first. Each source is read through its customer index for one page only
// and the pages are merged, so a customer with years of history costs the same as a new one.
import { and, desc, enrollments, eq, events, inArray, journeys, journeyVersions, lt, messages, or, stepLog, type Db } from '@braid/db';

export interface ActivityItem {
  kind: 'event' | 'message' | 'step';
  id: string;
  at: number;
  /** Event name (or type), message channel, step node id. */
  title: string;
  /** Event type; message status; step outcome. */
  status: string;
  channel: string | null;
  journeyId: string | null;
  journeyName: string | null;
  nodeId: string | null;
  /** The step's name as the marketer gave it in the version the customer walked (null: unnamed). */
  stepLabel: string | null;
  /** The step's node type, so the screen can name an unnamed step in the reader's language. */
  stepType: string | null;
  /** Message subject or start of body; step reason; nothing for events. */
  detail: string | null;
  properties: Record<string, unknown> | null;
}

/** The journeys' step logs read for the timeline (the newest enrollments). */
const ENROLLMENTS = 500;

/** `<at>~<id>`: everything strictly older than that item (ids break ties between equal times). */
export function parseActivityCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  const m = /^(\d{1,16})~([\w-]{1,100})$/.exec(cursor);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

const preview = (text: string | null, max = 160) => (text && text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function customerActivity(db: Db, workspaceId: string, customerId: string, limit: number, before: { at: number; id: string } | null): Promise<{ items: ActivityItem[]; nextCursor: string | null }> {
  type Column = Parameters<typeof lt>[0];
  const older = (at: Column, id: Column) =>
    before ? or(lt(at, before.at), and(eq(at, before.at), lt(id, before.id))) : undefined;
  const take = limit + 1;
  const enrolled = await db
    .select({ id: enrollments.id, journeyId: enrollments.journeyId, version: enrollments.version })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.customerId, customerId)))
    .orderBy(desc(enrollments.enteredAt))
    .limit(ENROLLMENTS);
  const [evs, msgs, steps] = await Promise.all([
    db
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId), older(events.timestamp, events.id)))
      .orderBy(desc(events.timestamp), desc(events.id))
      .limit(take),
    db
      .select({ id: messages.id, at: messages.createdAt, channel: messages.channel, status: messages.status, journeyId: messages.journeyId, nodeId: messages.nodeId, subject: messages.subject, body: messages.body, error: messages.error })
      .from(messages)
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.customerId, customerId), older(messages.createdAt, messages.id)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(take),
    enrolled.length
      ? db
          .select({ id: stepLog.id, at: stepLog.at, enrollmentId: stepLog.enrollmentId, journeyId: stepLog.journeyId, nodeId: stepLog.nodeId, outcome: stepLog.outcome, reason: stepLog.reason })
          .from(stepLog)
          .where(and(inArray(stepLog.enrollmentId, enrolled.map((e) => e.id)), older(stepLog.at, stepLog.id)))
          .orderBy(desc(stepLog.at), desc(stepLog.id))
          .limit(take)
      : [],
  ]);
  const items: ActivityItem[] = [
    ...evs.map((e): ActivityItem => ({
      kind: 'event',
      id: e.id,
      at: e.timestamp,
      title: e.name ?? e.type,
      status: e.type,
      channel: typeof e.context?.channel === 'string' ? e.context.channel : null,
      journeyId: null,
      journeyName: null,
      nodeId: null,
      stepLabel: null,
      stepType: null,
      detail: null,
      properties: e.type === 'identify' || e.type === 'group' ? (e.traits ?? {}) : (e.properties ?? {}),
    })),
    ...msgs.map((m): ActivityItem => ({
      kind: 'message',
      id: m.id,
      at: m.at,
      title: m.channel,
      status: m.status,
      channel: m.channel,
      journeyId: m.journeyId,
      journeyName: null,
      nodeId: m.nodeId,
      stepLabel: null,
      stepType: null,
      detail: preview(m.error ?? m.subject ?? m.body),
      properties: null,
    })),
    ...steps.map((s): ActivityItem => ({
      kind: 'step',
      id: s.id,
      at: s.at,
      title: s.nodeId,
      status: s.outcome,
      channel: null,
      journeyId: s.journeyId,
      journeyName: null,
      nodeId: s.nodeId,
      stepLabel: null,
      stepType: null,
      detail: s.reason,
      properties: null,
    })),
  ].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = items.slice(0, limit);
  const journeyIds = [...new Set(page.map((i) => i.journeyId).filter((v): v is string => !!v))];
  if (journeyIds.length) {
    const names = await db.select({ id: journeys.id, name: journeys.name }).from(journeys).where(and(eq(journeys.workspaceId, workspaceId), inArray(journeys.id, journeyIds)));
    for (const item of page) item.journeyName = names.find((n) => n.id === item.journeyId)?.name ?? null;
  }
  await nameSteps(db, page, steps, enrolled);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last ? `${last.at}~${last.id}` : null };
}

type GraphNode = { id: string; type: string; label?: string };

/**
 * Names each step on the page as the version the customer walked names it: the marketer's step
 * name, or the node type for the screen to word. One read of the versions on the page.
 */
async function nameSteps(
  db: Db,
  page: ActivityItem[],
  steps: Array<{ id: string; enrollmentId: string }>,
  enrolled: Array<{ id: string; journeyId: string; version: number }>,
): Promise<void> {
  const enrollmentOfStep = new Map(steps.map((s) => [s.id, s.enrollmentId]));
  const versionOfEnrollment = new Map(enrolled.map((e) => [e.id, e]));
  const wanted = new Map<string, { journeyId: string; version: number }>();
  for (const item of page) {
    if (item.kind !== 'step') continue;
    const e = versionOfEnrollment.get(enrollmentOfStep.get(item.id) ?? '');
    if (e) wanted.set(`${e.journeyId}@${e.version}`, e);
  }
  if (!wanted.size) return;
  const rows = await db
    .select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, graph: journeyVersions.graph })
    .from(journeyVersions)
    .where(or(...[...wanted.values()].map((w) => and(eq(journeyVersions.journeyId, w.journeyId), eq(journeyVersions.version, w.version)))));
  const nodes = new Map<string, GraphNode>();
  for (const r of rows) {
    for (const n of ((r.graph as { nodes?: GraphNode[] } | null)?.nodes ?? [])) nodes.set(`${r.journeyId}@${r.version}:${n.id}`, n);
  }
  for (const item of page) {
    if (item.kind !== 'step') continue;
    const e = versionOfEnrollment.get(enrollmentOfStep.get(item.id) ?? '');
    const node = e && nodes.get(`${e.journeyId}@${e.version}:${item.nodeId}`);
    if (!node) continue;
    item.stepLabel = node.label?.trim() || null;
    item.stepType = node.type;
  }
}
