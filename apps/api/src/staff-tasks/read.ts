// Staff tasks as the inbox shows them: who the customer is and why the task exists (the
// journey and the name of the step that made it).
import { and, asc, customers, desc, enrollments, eq, inArray, isNull, journeys, journeyVersions, or, staffTasks, users, type Db, type EnrollmentStatus, type SQL } from '@braid/db';
import type { Actor } from '../env';
import type { StaffTaskDto } from './schemas';

type Row = typeof staffTasks.$inferSelect;
export type TaskFilter = 'open' | 'mine' | 'done' | 'all';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function nameOf(traits: Record<string, unknown>): string | null {
  const full = str(traits.name) ?? [str(traits.firstName) ?? str(traits.first_name), str(traits.lastName) ?? str(traits.last_name)].filter(Boolean).join(' ');
  return full || null;
}

export function filterCondition(workspaceId: string, filter: TaskFilter, actor: Actor): SQL {
  const ws = eq(staffTasks.workspaceId, workspaceId);
  if (filter === 'done') return and(ws, eq(staffTasks.status, 'done'))!;
  if (filter === 'all') return ws;
  const open = and(ws, eq(staffTasks.status, 'open'))!;
  if (filter === 'open') return open;
  const mine = actor.email
    ? or(eq(staffTasks.claimedBy, actor.id), and(isNull(staffTasks.claimedBy), eq(staffTasks.assignee, actor.email)))
    : eq(staffTasks.claimedBy, actor.id);
  return and(open, mine)!;
}

/** Open tasks oldest first (the first made is the first due), done ones newest first. */
export function orderFor(filter: TaskFilter) {
  return filter === 'done' || filter === 'all' ? desc(staffTasks.id) : asc(staffTasks.id);
}

function stepName(graph: unknown, nodeId: string | null): string | null {
  if (!nodeId || !graph || typeof graph !== 'object') return null;
  const nodes = (graph as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return null;
  const node = nodes.find((n) => n && typeof n === 'object' && (n as { id?: unknown }).id === nodeId) as { label?: unknown } | undefined;
  return str(node?.label);
}

export async function toTaskDtos(db: Db, workspaceId: string, rows: Row[]): Promise<StaffTaskDto[]> {
  if (rows.length === 0) return [];
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const journeyIds = [...new Set(rows.map((r) => r.journeyId).filter((x): x is string => !!x))];
  const people = [...new Set(rows.flatMap((r) => [r.claimedBy, r.completedBy]).filter((x): x is string => !!x))];
  const [customerRows, journeyRows, versionRows, userRows, enrollmentRows] = await Promise.all([
    db.select({ id: customers.id, traits: customers.traits }).from(customers).where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, customerIds))),
    journeyIds.length ? db.select({ id: journeys.id, name: journeys.name }).from(journeys).where(and(eq(journeys.workspaceId, workspaceId), inArray(journeys.id, journeyIds))) : [],
    journeyIds.length
      ? db.select({ journeyId: journeyVersions.journeyId, version: journeyVersions.version, graph: journeyVersions.graph }).from(journeyVersions).where(and(eq(journeyVersions.workspaceId, workspaceId), inArray(journeyVersions.journeyId, journeyIds)))
      : [],
    people.length ? db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, people)) : [],
    journeyIds.length
      ? db
          .select({ journeyId: enrollments.journeyId, customerId: enrollments.customerId, status: enrollments.status, enteredAt: enrollments.enteredAt })
          .from(enrollments)
          .where(and(eq(enrollments.workspaceId, workspaceId), inArray(enrollments.customerId, customerIds), inArray(enrollments.journeyId, journeyIds)))
          .orderBy(desc(enrollments.enteredAt))
      : [],
  ]);
  const traitsById = new Map(customerRows.map((c) => [c.id, c.traits ?? {}]));
  const journeyName = new Map(journeyRows.map((j) => [j.id, j.name]));
  const graphs = new Map(versionRows.map((v) => [`${v.journeyId}:${v.version}`, v.graph]));
  const label = new Map(userRows.map((u) => [u.id, u.name || u.email]));
  const person = (id: string | null) => (id ? { id, label: label.get(id) ?? 'API' } : null);
  /** The customer's stay in the journey that made the task: has it ended (e.g. they bought meanwhile)? */
  const stayOf = (r: Row): EnrollmentStatus | null =>
    enrollmentRows.find((e) => e.journeyId === r.journeyId && e.customerId === r.customerId && e.enteredAt <= r.createdAt)?.status ?? null;
  return rows.map((r) => {
    const traits = traitsById.get(r.customerId) ?? {};
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      note: r.note,
      assignee: r.assignee,
      status: r.status,
      dueAt: r.dueAt,
      createdAt: r.createdAt,
      customer: { id: r.customerId, name: nameOf(traits), phone: str(traits.phone), email: str(traits.email), traits },
      why: r.journeyId
        ? {
            journeyId: r.journeyId,
            journeyName: journeyName.get(r.journeyId) ?? null,
            version: r.journeyVersion,
            nodeId: r.nodeId,
            stepName: stepName(graphs.get(`${r.journeyId}:${r.journeyVersion}`), r.nodeId),
            journeyStatus: stayOf(r),
          }
        : null,
      claimedBy: person(r.claimedBy),
      claimedAt: r.claimedAt,
      outcome: r.outcome,
      outcomeNote: r.outcomeNote,
      completedBy: person(r.completedBy),
      completedAt: r.completedAt,
    };
  });
}
