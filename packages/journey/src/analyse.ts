// Shared first pass of validation and compilation: read the graph defensively, resolve each
// node's type and config (migrating older versions), index edges by port, and find what is
// reachable from the trigger. Never throws on any JSON.
import type { AnyNodeType, Language, LocalText, NodeRegistry, Port } from '@braid/sdk';
import type { GraphEdge, GraphNode, JourneyGraph, JourneyIssue } from './graph';
import { journeyGraphSchema } from './graph';

export type NodeInfo = {
  node: GraphNode;
  type: AnyNodeType | undefined;
  /** Parsed, migrated config when valid. */
  config: unknown;
  valid: boolean;
  ports: readonly Port[];
};

export type Analysis = {
  graph: JourneyGraph;
  nodes: Map<string, NodeInfo>;
  /** `${source}\u0000${port}` → edges leaving that port. */
  edgesFrom: Map<string, GraphEdge[]>;
  /** node id → ids of nodes its edges lead to. */
  successors: Map<string, string[]>;
  /** node id → ids of nodes with an edge into it. */
  predecessors: Map<string, string[]>;
  triggers: NodeInfo[];
  goals: NodeInfo[];
  /** Flow nodes reachable from the trigger or from the goal's after-converting path. */
  reachable: Set<string>;
  issues: JourneyIssue[];
};

export const portKey = (source: string, port: string) => `${source}\u0000${port}`;

function label(info: NodeInfo, lang: Language = 'en'): string {
  return info.node.label || info.type?.label[lang] || info.node.type;
}
export { label as nodeLabel };

/** A step's name in both languages: the marketer's own name, else its type's name. */
export function nodeNames(info: NodeInfo): LocalText {
  return { vi: label(info, 'vi'), en: label(info, 'en') };
}

export function analyse(input: unknown, registry: NodeRegistry): Analysis | { issues: JourneyIssue[] } {
  const parsed = journeyGraphSchema.safeParse(input);
  if (!parsed.success) {
    const nodesArray = (input as { nodes?: unknown } | null)?.nodes;
    return {
      issues: parsed.error.issues.slice(0, 50).map((i) => {
        const [top, index] = i.path;
        const raw = top === 'nodes' && typeof index === 'number' && Array.isArray(nodesArray) ? (nodesArray[index] as { id?: unknown } | undefined) : undefined;
        return {
          nodeId: typeof raw?.id === 'string' ? raw.id : null,
          path: i.path.map(String).join('.'),
          message: `The journey file is damaged at ${i.path.map(String).join('.') || 'the top level'}: ${i.message}`,
          text: { vi: `Tệp hành trình bị hỏng ở ${i.path.map(String).join('.') || 'cấp ngoài cùng'}: ${i.message}`, en: `The journey file is damaged at ${i.path.map(String).join('.') || 'the top level'}: ${i.message}` },
          code: 'invalid-graph' as const,
        };
      }),
    };
  }
  const graph = parsed.data;
  const issues: JourneyIssue[] = [];
  const nodes = new Map<string, NodeInfo>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      issues.push({ nodeId: node.id, path: '', message: `Two steps share the id "${node.id}"`, text: { vi: `Hai bước cùng mã "${node.id}"`, en: `Two steps share the id "${node.id}"` }, code: 'duplicate-id' });
      continue;
    }
    const type = registry.get(node.type);
    if (!type) {
      issues.push({ nodeId: node.id, path: '', message: `This step uses "${node.type}", a step type this Braid does not have installed`, text: { vi: `Bước này dùng loại bước "${node.type}" chưa được cài trên Braid này`, en: `This step uses "${node.type}", a step type this Braid does not have installed` }, code: 'unknown-node-type' });
      nodes.set(node.id, { node, type, config: node.config, valid: false, ports: [] });
      continue;
    }
    const r = type.upgradeConfig(node.typeVersion, node.config);
    if (!r.ok) {
      for (const i of r.issues) issues.push({ nodeId: node.id, path: i.path, message: i.message.en, text: i.message, code: 'invalid-config' });
      nodes.set(node.id, { node, type, config: node.config, valid: false, ports: [] });
      continue;
    }
    let ports: readonly Port[] = [];
    try {
      ports = type.portsFor(r.config);
    } catch (e) {
      issues.push({ nodeId: node.id, path: '', message: `"${type.label.en}" could not list its paths: ${String(e)}`, text: { vi: `"${type.label.vi}" không liệt kê được các nhánh: ${String(e)}`, en: `"${type.label.en}" could not list its paths: ${String(e)}` }, code: 'internal' });
    }
    nodes.set(node.id, { node, type, config: r.config, valid: true, ports });
  }

  const edgesFrom = new Map<string, GraphEdge[]>();
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const edgeIds = new Set<string>();
  for (let i = 0; i < graph.edges.length; i++) {
    const edge = graph.edges[i]!;
    const path = `edges.${i}`;
    if (edgeIds.has(edge.id)) issues.push({ nodeId: edge.source, path, message: `Two connections share the id "${edge.id}"`, text: { vi: `Hai đường nối cùng mã "${edge.id}"`, en: `Two connections share the id "${edge.id}"` }, code: 'duplicate-id' });
    edgeIds.add(edge.id);
    const src = nodes.get(edge.source);
    const dst = nodes.get(edge.target);
    if (!src || !dst) {
      issues.push({ nodeId: src ? edge.source : null, path, message: 'A connection points to a step that no longer exists: remove it', text: { vi: 'Một đường nối trỏ tới bước không còn nữa: hãy xoá nó', en: 'A connection points to a step that no longer exists: remove it' }, code: 'bad-edge' });
      continue;
    }
    if (dst.type?.category === 'trigger' || dst.type?.category === 'setting') {
      issues.push({ nodeId: edge.target, path, message: `Nothing can lead into "${label(dst)}": it is a ${dst.type.category === 'trigger' ? 'trigger' : 'journey setting'}`, text: { vi: `Không bước nào được dẫn vào "${label(dst, 'vi')}": đây là ${dst.type.category === 'trigger' ? 'điểm bắt đầu' : 'cài đặt của hành trình'}`, en: `Nothing can lead into "${label(dst)}": it is a ${dst.type.category === 'trigger' ? 'trigger' : 'journey setting'}` }, code: 'bad-edge' });
      continue;
    }
    if (src.valid && !src.ports.some((p) => p.id === edge.sourcePort)) {
      issues.push({ nodeId: edge.source, path, message: `"${label(src)}" has no path called "${edge.sourcePort}" any more: reconnect it`, text: { vi: `"${label(src, 'vi')}" không còn nhánh "${edge.sourcePort}": hãy nối lại`, en: `"${label(src)}" has no path called "${edge.sourcePort}" any more: reconnect it` }, code: 'bad-edge' });
      continue;
    }
    const key = portKey(edge.source, edge.sourcePort);
    const list = edgesFrom.get(key);
    if (list) {
      list.push(edge);
      const port = src.ports.find((p) => p.id === edge.sourcePort);
      issues.push({ nodeId: edge.source, path, message: `The "${port?.label.en ?? edge.sourcePort}" path of "${label(src)}" leads to more than one step: keep one connection`, code: 'bad-edge' });
    } else edgesFrom.set(key, [edge]);
    const succ = successors.get(edge.source);
    if (succ) succ.push(edge.target);
    else successors.set(edge.source, [edge.target]);
    const pred = predecessors.get(edge.target);
    if (pred) pred.push(edge.source);
    else predecessors.set(edge.target, [edge.source]);
  }

  const all = [...nodes.values()];
  const triggers = all.filter((n) => n.type?.category === 'trigger');
  const goals = all.filter((n) => n.type?.id === 'goal');

  const reachable = new Set<string>();
  const stack: string[] = [];
  for (const root of [...triggers, ...all.filter((n) => n.type?.category === 'setting')]) for (const t of successors.get(root.node.id) ?? []) stack.push(t);
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const t of successors.get(id) ?? []) if (!reachable.has(t)) stack.push(t);
  }
  return { graph, nodes, edgesFrom, successors, predecessors, triggers, goals, reachable, issues };
}
