// What the segment builder asks while a rule is edited: is it acceptable (every referenced
// segment exists, no cycle), and how many customers would be in it now, with a few of them.
// Both run as single queries in the database.
import { sql, type Db } from '@braid/db';
import { segmentReferences, type SegmentRule } from '@braid/journey';
import type { WorkspaceSegments } from './membership';
import { ruleSql, SegmentRuleRefused } from './rule-sql';

/** Throws SegmentRuleRefused naming the condition: an unknown segment, a cycle, nesting too deep. */
export function checkRule(all: WorkspaceSegments, rule: SegmentRule, selfId?: string): void {
  for (const ref of segmentReferences(rule)) {
    if (!all.rules.has(ref.segmentId) && ref.segmentId !== selfId) {
      throw new SegmentRuleRefused(`${ref.path}.segmentId`, `${ref.path}.segmentId: no segment ${ref.segmentId} in this workspace`);
    }
  }
  ruleSql(rule, { workspaceId: all.workspaceId, now: 0, ruleOf: (id) => all.rules.get(id), ...(selfId ? { selfId } : {}) });
}

export type PreviewSample = { customerId: string; traits: Record<string, unknown> };

/** Size of an unsaved rule now, and `sample` of its customers (most recently seen first). */
export async function previewRule(db: Db, all: WorkspaceSegments, rule: SegmentRule, options: { now: number; sample?: number; selfId?: string }): Promise<{ count: number; sample: PreviewSample[] }> {
  const matches = ruleSql(rule, { workspaceId: all.workspaceId, now: options.now, ruleOf: (id) => all.rules.get(id), ...(options.selfId ? { selfId: options.selfId } : {}) });
  const where = sql`c.workspace_id = ${all.workspaceId} AND c.merged_into IS NULL AND ${matches}`;
  const [counted] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM customers c WHERE ${where}`);
  const rows = await db.all<{ id: string; traits: string }>(
    sql`SELECT c.id, c.traits FROM customers c WHERE ${where} ORDER BY coalesce(c.last_seen_at, c.updated_at) DESC LIMIT ${options.sample ?? 10}`,
  );
  return {
    count: Number(counted?.n ?? 0),
    sample: rows.map((r) => ({ customerId: r.id, traits: parseTraits(r.traits) })),
  };
}

function parseTraits(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export { SegmentRuleRefused };
