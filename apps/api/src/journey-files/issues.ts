// Every problem of a journey file, each named by where it is in the file, so `braid validate`
// can point at the line to fix: the file's own fields, then what publishing would find (the
// validator, the workspace's references, the compiler), without saving anything.
import { journeyFileSchema } from '@braid/journey';
import { ApiError } from '../errors';
import type { PublishIssue } from '../journeys/deps';

export type FileIssue = { field: string; nodeId: string | null; path: string; message: string; code?: string };

export interface FileChecks {
  validateGraph(graph: unknown): PublishIssue[] | Promise<PublishIssue[]>;
  /** Problems only the workspace can tell (segments of another workspace ...). */
  workspaceIssues(graph: unknown): Promise<PublishIssue[]>;
  /** Throws a 422 ApiError naming each step a node type failed to compile. */
  compileGraph(graph: unknown): unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function fileIssues(file: Record<string, unknown>, checks: FileChecks): Promise<FileIssue[]> {
  const issues: FileIssue[] = [];
  // The file's own fields; the graph's shape is the validator's first check, reported below once.
  const wrapper = journeyFileSchema.safeParse(file);
  if (!wrapper.success) {
    for (const i of wrapper.error.issues) {
      if (i.path[0] === 'graph' && i.path.length > 1) continue;
      const field = i.path.map(String).join('.');
      issues.push({ field, nodeId: null, path: field, message: i.code === 'invalid_type' && file[field] === undefined ? 'is required' : i.message, code: 'invalid-file' });
    }
  }
  if (!isRecord(file.graph)) return issues;
  const graph = file.graph;
  const indexOf = new Map<string, number>();
  if (Array.isArray(graph.nodes)) graph.nodes.forEach((n, i) => isRecord(n) && typeof n.id === 'string' && !indexOf.has(n.id) && indexOf.set(n.id, i));
  const located = (i: PublishIssue & { code?: string }): FileIssue => ({ field: fieldOf(i, indexOf), nodeId: i.nodeId, path: i.path, message: i.message, ...(i.code ? { code: i.code } : {}) });

  const found = [...(await checks.validateGraph(graph)), ...(await checks.workspaceIssues(graph))];
  issues.push(...found.map(located));
  if (found.length > 0) return issues;
  try {
    checks.compileGraph(graph);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const details = e.details as Array<{ field: string; message: string; nodeId?: string | null; path?: string }>;
    issues.push(...details.map((d) => located({ nodeId: d.nodeId ?? null, path: d.path ?? '', message: d.message, code: 'compile' })));
  }
  return issues;
}

/** `graph.nodes.2.config.subject` for a step's setting, `graph.edges.3` for a path, `graph` for the journey as a whole. */
function fieldOf(issue: PublishIssue, indexOf: Map<string, number>): string {
  if (/^(nodes|edges)(\.|$)/.test(issue.path)) return `graph.${issue.path}`;
  const index = issue.nodeId === null ? undefined : indexOf.get(issue.nodeId);
  if (index === undefined) return issue.path ? `graph.${issue.path}` : 'graph';
  const node = `graph.nodes.${index}`;
  if (!issue.path || issue.path.startsWith('ports.')) return node;
  if (issue.path === '$label') return `${node}.label`;
  return `${node}.config.${issue.path}`;
}
