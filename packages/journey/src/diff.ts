// What changed between two journey graphs, in terms a reviewer reads: steps added, removed,
// changed (field by field, old → new) and paths rewired. Layout (positions, edge ids, order)
// is not content: moving a card does not make a new version worth publishing.

/** The parts of a graph this module reads; tolerant, since drafts may be half-written. */
type LooseNode = { id: string; type: string; typeVersion?: number; config?: unknown; label?: string };
type LooseEdge = { source: string; sourcePort?: string; target: string };
type LooseGraph = { nodes: readonly LooseNode[]; edges: readonly LooseEdge[] };

export type StepRef = { nodeId: string; type: string };

/** One top-level config field (or the step's own name, `field: '$label'`). */
export type FieldChange = { field: string; before: unknown; after: unknown };

export type StepChange = StepRef & {
  /** Set when the step became another kind of step under the same id. */
  typeBefore?: string;
  fields: FieldChange[];
};

/** Where a port of a step that exists on both sides now leads (null: unconnected). */
export type PathChange = { nodeId: string; port: string; before: string[]; after: string[] };

export type GraphDiff = {
  added: StepRef[];
  removed: StepRef[];
  changed: StepChange[];
  rewired: PathChange[];
  /** True when nothing a customer could notice changed. */
  same: boolean;
};

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

const nodesOf = (g: LooseGraph | null | undefined): readonly LooseNode[] => (g && Array.isArray(g.nodes) ? g.nodes : []);
const edgesOf = (g: LooseGraph | null | undefined): readonly LooseEdge[] => (g && Array.isArray(g.edges) ? g.edges : []);

/** Port → sorted targets, per source step. */
function wiring(g: LooseGraph | null | undefined): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const e of edgesOf(g)) {
    const ports = out.get(e.source) ?? new Map<string, string[]>();
    const port = e.sourcePort ?? 'out';
    ports.set(port, [...(ports.get(port) ?? []), e.target].sort());
    out.set(e.source, ports);
  }
  return out;
}

function configFields(node: LooseNode): Record<string, unknown> {
  const c = node.config;
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : { $config: c };
}

function fieldChanges(before: LooseNode, after: LooseNode): FieldChange[] {
  const a = configFields(before);
  const b = configFields(after);
  const changes: FieldChange[] = [];
  if ((before.label ?? '') !== (after.label ?? '')) changes.push({ field: '$label', before: before.label ?? null, after: after.label ?? null });
  // The newer side's key order is the form's display order; keys only the older side had follow.
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) changes.push({ field: key, before: a[key] ?? null, after: b[key] ?? null });
  }
  return changes;
}

export function diffJourneyGraphs(from: LooseGraph | null | undefined, to: LooseGraph | null | undefined): GraphDiff {
  const before = new Map(nodesOf(from).map((n) => [n.id, n]));
  const after = new Map(nodesOf(to).map((n) => [n.id, n]));
  const added: StepRef[] = [];
  const changed: StepChange[] = [];
  for (const n of after.values()) {
    const old = before.get(n.id);
    if (!old) {
      added.push({ nodeId: n.id, type: n.type });
      continue;
    }
    const fields = fieldChanges(old, n);
    const typeChanged = old.type !== n.type || (old.typeVersion ?? 1) !== (n.typeVersion ?? 1);
    if (fields.length > 0 || typeChanged) changed.push({ nodeId: n.id, type: n.type, ...(old.type !== n.type ? { typeBefore: old.type } : {}), fields });
  }
  const removed = [...before.values()].filter((n) => !after.has(n.id)).map((n) => ({ nodeId: n.id, type: n.type }));

  // Paths matter only between steps present on both sides: an added or removed step's edges are
  // already told by "added" / "removed".
  const wasWired = wiring(from);
  const isWired = wiring(to);
  const rewired: PathChange[] = [];
  for (const id of after.keys()) {
    if (!before.has(id)) continue;
    const oldPorts = wasWired.get(id) ?? new Map<string, string[]>();
    const newPorts = isWired.get(id) ?? new Map<string, string[]>();
    for (const port of new Set([...newPorts.keys(), ...oldPorts.keys()])) {
      const b = oldPorts.get(port) ?? [];
      const a = newPorts.get(port) ?? [];
      if (b.join('\u0000') !== a.join('\u0000')) rewired.push({ nodeId: id, port, before: b, after: a });
    }
  }
  return { added, removed, changed, rewired, same: added.length + removed.length + changed.length + rewired.length === 0 };
}

/** Same steps, settings and paths: publishing one over the other would change nothing. */
export function sameJourneyContent(a: LooseGraph | null | undefined, b: LooseGraph | null | undefined): boolean {
  return diffJourneyGraphs(a, b).same;
}
