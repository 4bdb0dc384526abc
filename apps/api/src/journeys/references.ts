// A journey may use only its own workspace's segments. Segment ids are global, so a graph naming
// another workspace's segment would enrol or branch on that workspace's customers' membership.
// Checked at publish (drafts may hold anything): every such reference is a publish issue
// naming the step and the config field, like the validator's own.
import { and, eq, inArray, segments, type Db } from '@braid/db';
import type { PublishIssue } from './deps';

interface Reference {
  nodeId: string;
  /** Inside the node's config, as the validator names config fields (e.g. `segmentId`). */
  path: string;
  segmentId: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `segmentId` string in a node's config (node types may nest it), to a bounded depth. */
function segmentIdsIn(value: unknown, path: string[], found: Array<{ path: string; segmentId: string }>, depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(value)) value.forEach((v, i) => segmentIdsIn(v, [...path, String(i)], found, depth + 1));
  if (!isRecord(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'segmentId' && typeof v === 'string' && v.trim() !== '') found.push({ path: [...path, key].join('.'), segmentId: v.trim() });
    else segmentIdsIn(v, [...path, key], found, depth + 1);
  }
}

function referencesOf(graph: unknown): Reference[] {
  const nodes = isRecord(graph) && Array.isArray(graph.nodes) ? graph.nodes : [];
  const refs: Reference[] = [];
  for (const node of nodes) {
    if (!isRecord(node) || typeof node.id !== 'string') continue;
    const found: Array<{ path: string; segmentId: string }> = [];
    segmentIdsIn(node.config, [], found);
    for (const f of found) refs.push({ nodeId: node.id, ...f });
  }
  return refs;
}

/** One issue per reference to a segment that is not in `workspaceId` (another's, or none). */
export async function foreignSegmentIssues(db: Db, workspaceId: string, graph: unknown): Promise<PublishIssue[]> {
  const refs = referencesOf(graph);
  if (refs.length === 0) return [];
  const ids = [...new Set(refs.map((r) => r.segmentId))];
  const own = await db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), inArray(segments.id, ids)));
  const known = new Set(own.map((r) => r.id));
  // The same words whether the segment is another workspace's or does not exist: ids of other
  // workspaces are not confirmed to exist.
  return refs
    .filter((r) => !known.has(r.segmentId))
    .map((r) => ({ nodeId: r.nodeId, path: r.path, message: `There is no segment "${r.segmentId}" in this workspace: pick one of its segments` }));
}
