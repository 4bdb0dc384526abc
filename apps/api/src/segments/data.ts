// Reads behind the segments API: a segment with its size and evaluation state, who depends on
// it (other segments, journeys), and what the workspace's events and profiles look like (for
// the builder's pickers), each a bounded query.
import { and, count, eq, segmentMembers, segments, sql, type Db } from '@braid/db';
import { ruleCountsEvents, segmentReferences } from '@braid/journey';
import { loadWorkspaceSegments, normaliseRule, segmentTriggerKey, type WorkspaceSegments } from '@braid/temporal';
import { ApiError } from '../errors';

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

const RECENT_EVENTS = 5_000;
const RECENT_PROFILES = 2_000;
const VALUES_PER_KEY = 12;

function addValue(map: Map<string, Set<string>>, key: string, value: unknown): void {
  const values = map.get(key) ?? new Set<string>();
  map.set(key, values);
  if ((typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && values.size < VALUES_PER_KEY) values.add(String(value));
}

/**
 * Event names, their property keys and trait keys seen in the workspace, with a few values of
 * each: read from the latest events and profiles only, so the cost does not grow with history.
 */
export async function workspaceCatalogue(db: Db, workspaceId: string) {
  const events = await db.all<{ name: string; key: string | null; value: unknown }>(
    sql`SELECT e.name AS name, j.key AS key, j.value AS value
        FROM (SELECT name, properties FROM events WHERE workspace_id = ${workspaceId} AND type = 'track' AND name IS NOT NULL ORDER BY rowid DESC LIMIT ${RECENT_EVENTS}) e
        LEFT JOIN json_each(e.properties) j`,
  );
  const counts = await db.all<{ name: string; n: number }>(
    sql`SELECT name, count(*) AS n FROM (SELECT name FROM events WHERE workspace_id = ${workspaceId} AND type = 'track' AND name IS NOT NULL ORDER BY rowid DESC LIMIT ${RECENT_EVENTS}) GROUP BY name`,
  );
  const byEvent = new Map<string, Map<string, Set<string>>>();
  for (const r of events) {
    const props = byEvent.get(r.name) ?? new Map<string, Set<string>>();
    byEvent.set(r.name, props);
    if (r.key !== null) addValue(props, r.key, r.value);
  }
  const traitRows = await db.all<{ key: string; value: unknown }>(
    sql`SELECT j.key AS key, j.value AS value FROM (SELECT traits FROM customers WHERE workspace_id = ${workspaceId} AND merged_into IS NULL ORDER BY rowid DESC LIMIT ${RECENT_PROFILES}) c, json_each(c.traits) j`,
  );
  const traits = new Map<string, Set<string>>();
  for (const r of traitRows) addValue(traits, r.key, r.value);
  const list = (m: Map<string, Set<string>>) => [...m].map(([key, values]) => ({ key, values: [...values] })).sort((a, b) => a.key.localeCompare(b.key));
  return {
    events: counts
      .map((c) => ({ name: c.name, count: Number(c.n), properties: list(byEvent.get(c.name) ?? new Map()) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    traits: list(traits),
  };
}
