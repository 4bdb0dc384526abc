// validate(graph, registry): every problem in a journey, in words a marketer understands.
// Never throws, whatever JSON it is given.
import type { GraphContext, GraphNodeView, NodeRegistry } from '@braid/sdk';
import type { Analysis, NodeInfo } from './analyse';
import { analyse, nodeLabel, portKey } from './analyse';
import type { JourneyIssue } from './graph';
import { BASE_TEMPLATE_VARIABLES, scanTemplate } from './liquid-variables';

const FLOW = new Set(['wait', 'condition', 'action']);

export function validate(graph: unknown, registry: NodeRegistry): JourneyIssue[] {
  try {
    const a = analyse(graph, registry);
    if (!('graph' in a)) return a.issues;
    return [...a.issues, ...journeyRules(a), ...nodeRules(a, registry)];
  } catch (e) {
    return [{ nodeId: null, path: '', message: `The journey could not be checked: ${e instanceof Error ? e.message : String(e)}`, code: 'internal' }];
  }
}

function journeyRules(a: Analysis): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  if (a.triggers.length === 0)
    issues.push({ nodeId: null, path: '', message: 'Add a trigger: the journey needs a way for customers to enter', code: 'missing-trigger' });
  for (const extra of a.triggers.slice(1))
    issues.push({ nodeId: extra.node.id, path: '', message: 'A journey has one trigger: remove this one or make it a separate journey', code: 'extra-trigger' });
  for (const extra of a.goals.slice(1))
    issues.push({ nodeId: extra.node.id, path: '', message: 'A journey has one conversion goal: remove this one', code: 'extra-goal' });

  for (const info of a.nodes.values()) {
    const category = info.type?.category;
    if (!info.valid || !category) continue;
    for (const port of info.ports) {
      if (port.optional || a.edgesFrom.has(portKey(info.node.id, port.id))) continue;
      const what = info.ports.length > 1 ? `the "${port.label}" path of "${nodeLabel(info)}"` : `"${nodeLabel(info)}"`;
      issues.push({ nodeId: info.node.id, path: `ports.${port.id}`, message: `Connect ${what} to the next step (use Exit to end the journey)`, code: 'unconnected-port' });
    }
    if (FLOW.has(category) && !a.reachable.has(info.node.id))
      issues.push({ nodeId: info.node.id, path: '', message: `No customer can reach "${nodeLabel(info)}": connect it to the journey or delete it`, code: 'unreachable' });
  }
  issues.push(...cyclesWithoutWait(a));
  return issues;
}

/** A loop is fine only if it passes a wait: otherwise customers would spin through it instantly. */
function cyclesWithoutWait(a: Analysis): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const isInstant = (id: string) => {
    const c = a.nodes.get(id)?.type?.category;
    return c === 'condition' || c === 'action';
  };
  const color = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  for (const startId of a.nodes.keys()) {
    if (color.has(startId) || !isInstant(startId)) continue;
    // Iterative DFS: journeys can be long chains and must not overflow the stack.
    const stack: { id: string; i: number }[] = [{ id: startId, i: 0 }];
    color.set(startId, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succ = (a.successors.get(top.id) ?? []).filter(isInstant);
      if (top.i >= succ.length) {
        color.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = succ[top.i++]!;
      const c = color.get(next);
      if (c === 1 && !reported.has(next)) {
        reported.add(next);
        const info = a.nodes.get(next)!;
        issues.push({ nodeId: next, path: '', message: `"${nodeLabel(info)}" is in a loop with no wait: customers would go round it forever. Add a Wait inside the loop`, code: 'cycle-without-wait' });
      } else if (c === undefined) {
        color.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  }
  return issues;
}

function upstreamChecker(a: Analysis): (from: string, to: string) => boolean {
  const descendants = new Map<string, Set<string>>();
  return (from, to) => {
    let d = descendants.get(from);
    if (!d) {
      d = new Set();
      const stack = [...(a.successors.get(from) ?? [])];
      while (stack.length) {
        const id = stack.pop()!;
        if (d.has(id)) continue;
        d.add(id);
        stack.push(...(a.successors.get(id) ?? []));
      }
      descendants.set(from, d);
    }
    return d.has(to);
  };
}

function nodeRules(a: Analysis, registry: NodeRegistry): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const views: GraphNodeView[] = [...a.nodes.values()].map((n) => ({ id: n.node.id, type: n.node.type, config: n.config, valid: n.valid }));
  const viewById = new Map(views.map((v) => [v.id, v]));
  const reaches = upstreamChecker(a);
  const variableOwners = new Map<string, string>();
  for (const t of registry.list()) if (t.templateVariable) variableOwners.set(t.templateVariable, t.label);
  const providers = [...a.nodes.values()].filter((n) => n.valid && n.type?.templateVariable);

  for (const info of a.nodes.values()) {
    if (!info.valid || !info.type) continue;
    const nodeId = info.node.id;
    const ctx: GraphContext = { nodeId, nodes: views, node: (id) => viewById.get(id), isUpstream: (id) => reaches(id, nodeId) };
    try {
      for (const i of info.type.validate?.(info.config, ctx) ?? []) issues.push({ nodeId, path: i.path, message: i.message, code: 'node-rule' });
    } catch (e) {
      issues.push({ nodeId, path: '', message: `"${nodeLabel(info)}" could not check its settings: ${String(e)}`, code: 'internal' });
    }
    issues.push(...templateIssues(info, providers, variableOwners, (id) => reaches(id, nodeId)));
  }
  return issues;
}

function templateIssues(info: NodeInfo, providers: NodeInfo[], owners: Map<string, string>, isUpstream: (id: string) => boolean): JourneyIssue[] {
  const form = info.type?.form as Record<string, { widget?: string } | undefined> | undefined;
  if (!form) return [];
  const issues: JourneyIssue[] = [];
  for (const [field, hint] of Object.entries(form)) {
    if (hint?.widget !== 'liquid') continue;
    const value = (info.config as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !value.includes('{')) continue;
    const scan = scanTemplate(value);
    if (scan.syntaxError) issues.push({ nodeId: info.node.id, path: field, message: scan.syntaxError, code: 'template-syntax' });
    const known = new Set<string>([...BASE_TEMPLATE_VARIABLES, ...scan.defines]);
    for (const p of providers) if (isUpstream(p.node.id)) known.add(p.type!.templateVariable!);
    const seen = new Set<string>();
    for (const r of scan.reads) {
      if (known.has(r.root) || seen.has(r.root)) continue;
      seen.add(r.root);
      const owner = owners.get(r.root);
      const message = owner
        ? `{{ ${r.expression} }} needs a "${owner}" step earlier on the customer’s path`
        : `{{ ${r.expression} }} is not a variable we know: use customer (e.g. customer.firstName), entry (the event that started the journey) or journey`;
      issues.push({ nodeId: info.node.id, path: field, message, code: 'unknown-variable' });
    }
  }
  return issues;
}
