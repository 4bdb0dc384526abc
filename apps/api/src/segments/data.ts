// Reads behind the segments API: a segment with its size and evaluation state, who depends on
// it (other segments, journeys), and what the workspace's events and profiles look like (for
// the builder's pickers), each a bounded query.
import { and, count, eq, segmentMembers, segments, sql, type Db } from '@braid/db';
import { ruleCountsEvents, segmentReferences } from '@braid/journey';
import { loadWorkspaceSegments, normaliseRule, segmentTriggerKey, type WorkspaceSegments } from '@braid/temporal';
import { ApiError } from '../errors';
import { readCatalogue } from '../catalogue/read';

export async function findSegment(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))).limit(1);
  if (!row) throw new ApiError(404, 'not_found', 'No such segment in this workspace', [{ field: 'id', message: 'not found' }]);
  const [n] = await db.select({ n: count() }).from(segmentMembers).where(eq(segmentMembers.segmentId, id));
  const [upkeep] = await db.all<{ evaluated_at: number | null }>(sql`SELECT evaluated_at FROM segment_upkeep WHERE segment_id = ${id}`);
  const rule = normaliseRule(row.rule);
  return {
    id: row.id,
    name: row.name,
    rule: rule as unknown as Record<string, unknown>,
    members: n?.n ?? 0,
    evaluatedAt: upkeep?.evaluated_at ?? null,
    timeBased: ruleCountsEvents(rule),
    createdAt: row.createdAt,
  };
}

/** The segment and every segment whose rule reaches it through "member of": all change when it does. */
export function withDependents(all: WorkspaceSegments, id: string): string[] {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [other, rule] of all.rules) {
      if (out.has(other)) continue;
      if (segmentReferences(rule).some((r) => out.has(r.segmentId))) {
        out.add(other);
        grew = true;
      }
    }
  }
  return [...out];
}

export async function dependentSegments(db: Db, workspaceId: string, id: string): Promise<string[]> {
  const all = await loadWorkspaceSegments(db, workspaceId);
  return [...all.rules].filter(([, rule]) => segmentReferences(rule).some((r) => r.segmentId === id)).map(([other]) => other);
}

/** Journeys that start on the segment (published) or name it anywhere in their draft. */
export async function journeysUsing(db: Db, workspaceId: string, id: string) {
  const rows = await db.all<{ id: string; name: string; status: string; triggered: number }>(
    sql`SELECT id, name, status, trigger_event = ${segmentTriggerKey(id)} AS triggered FROM journeys
        WHERE workspace_id = ${workspaceId} AND (trigger_event = ${segmentTriggerKey(id)} OR instr(draft_graph, ${JSON.stringify(id)}) > 0)
        ORDER BY name LIMIT 200`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, triggeredBySegment: Number(r.triggered) === 1 }));
}

/**
 * Event names, their property keys and trait keys seen in the workspace, with a few recent values
 * of each, for the rule pickers: read from the event catalogue ingestion keeps (see ../catalogue),
 * so the cost does not grow with history and nothing older than the latest events is forgotten.
 */
export async function workspaceCatalogue(db: Db, workspaceId: string) {
  const catalogue = await readCatalogue(db, workspaceId);
  const list = (keys: Array<{ key: string; examples: string[] }>) => keys.map((k) => ({ key: k.key, values: k.examples }));
  return {
    events: catalogue.events.map((e) => ({ name: e.name, count: e.total, properties: list(e.properties) })),
    traits: list(catalogue.traits),
  };
}
