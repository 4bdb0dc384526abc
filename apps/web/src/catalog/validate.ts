// Problems shown on the canvas and blocking publish. Graph-wide validation comes from the
// journey core; per-node schema checks keep the badges live while typing.
import type { JourneyGraph, ValidationIssue } from '../api/types';
import { getRegistry } from './registry';

export function validateGraph(graph: JourneyGraph): ValidationIssue[] {
  const registry = getRegistry();
  const issues: ValidationIssue[] = [];
  for (const n of graph.nodes) {
    const t = registry.get(n.type);
    if (!t) {
      issues.push({ nodeId: n.id, path: '', message: `Unknown step type "${n.type}"` });
      continue;
    }
    const parsed = t.upgradeConfig(n.typeVersion, n.config);
    if (!parsed.ok) for (const i of parsed.issues) issues.push({ nodeId: n.id, path: i.path, message: i.message });
  }
  return issues;
}

export function pathString(path: ValidationIssue['path']): string {
  return Array.isArray(path) ? path.join('.') : path;
}
