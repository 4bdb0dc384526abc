// validate(graph, registry): every problem in a journey, in words a marketer understands.
// Never throws, whatever JSON it is given.
import type { GraphContext, GraphNodeView, LocalText, NodeRegistry } from '@braid/sdk';
import type { Analysis, NodeInfo } from './analyse';
import { analyse, nodeLabel, nodeNames, portKey } from './analyse';
import type { JourneyIssue } from './graph';
import { MAX_STEP_NAME } from './graph';
import { BASE_TEMPLATE_VARIABLES, scanTemplate } from './liquid-variables';

const FLOW = new Set(['wait', 'condition', 'action']);

export function validate(graph: unknown, registry: NodeRegistry): JourneyIssue[] {
  try {
    const a = analyse(graph, registry);
    if (!('graph' in a)) return a.issues;
    return checkAnalysis(a, registry);
  } catch (e) {
    return [{ nodeId: null, path: '', message: `The journey could not be checked: ${e instanceof Error ? e.message : String(e)}`, text: { vi: `Không kiểm tra được hành trình: ${e instanceof Error ? e.message : String(e)}`, en: `The journey could not be checked: ${e instanceof Error ? e.message : String(e)}` }, code: 'internal' }];
  }
}

/** The rules on an already analysed graph (compile reuses its analysis). */
export function checkAnalysis(a: Analysis, registry: NodeRegistry): JourneyIssue[] {
  return [...a.issues, ...journeyRules(a), ...nodeRules(a, registry)];
}

function journeyRules(a: Analysis): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  if (a.triggers.length === 0)
    issues.push({ nodeId: null, path: '', message: 'Add a trigger: the journey needs a way for customers to enter', text: { vi: 'Thêm một điểm bắt đầu: hành trình cần một cách để khách đi vào', en: 'Add a trigger: the journey needs a way for customers to enter' }, code: 'missing-trigger' });
  for (const extra of a.triggers.slice(1))
    issues.push({ nodeId: extra.node.id, path: '', message: 'A journey has one trigger: remove this one or make it a separate journey', text: { vi: 'Mỗi hành trình chỉ có một điểm bắt đầu: xoá điểm này hoặc tách thành hành trình khác', en: 'A journey has one trigger: remove this one or make it a separate journey' }, code: 'extra-trigger' });
  for (const extra of a.goals.slice(1))
    issues.push({ nodeId: extra.node.id, path: '', message: 'A journey has one conversion goal: remove this one', text: { vi: 'Mỗi hành trình chỉ có một mục tiêu chuyển đổi: xoá mục tiêu này', en: 'A journey has one conversion goal: remove this one' }, code: 'extra-goal' });

  for (const info of a.nodes.values()) {
    const category = info.type?.category;
    if (!info.valid || !category) continue;
    for (const port of info.ports) {
      if (port.optional || a.edgesFrom.has(portKey(info.node.id, port.id))) continue;
      const names = nodeNames(info);
      const what = info.ports.length > 1 ? `the "${port.label.en}" path of "${names.en}"` : `"${names.en}"`;
      const whatVi = info.ports.length > 1 ? `nhánh "${port.label.vi}" của "${names.vi}"` : `"${names.vi}"`;
      issues.push({
        nodeId: info.node.id,
        path: `ports.${port.id}`,
        message: `Connect ${what} to the next step (use Exit to end the journey)`,
        text: { vi: `Nối ${whatVi} tới bước tiếp theo (dùng bước Kết thúc để rời hành trình)`, en: `Connect ${what} to the next step (use Exit to end the journey)` },
        code: 'unconnected-port',
      });
    }
    if (FLOW.has(category) && !a.reachable.has(info.node.id))
      issues.push({
        nodeId: info.node.id,
        path: '',
        message: `No customer can reach "${nodeLabel(info)}": connect it to the journey or delete it`,
        text: { vi: `Không khách nào tới được "${nodeNames(info).vi}": hãy nối nó vào hành trình hoặc xoá đi`, en: `No customer can reach "${nodeLabel(info)}": connect it to the journey or delete it` },
        code: 'unreachable',
      });
  }
  issues.push(...cyclesWithoutWait(a), ...stepNameRules(a));
  return issues;
}

/** Every step is referred to by its name (cards, problems, traces): two steps may not share one. */
function stepNameRules(a: Analysis): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const byName = new Map<string, string[]>();
  for (const info of a.nodes.values()) {
    const name = info.node.label?.trim();
    if (!name) continue;
    if (name.length > MAX_STEP_NAME) {
      issues.push({
        nodeId: info.node.id,
        path: 'label',
        message: `Keep the step name under ${MAX_STEP_NAME} characters (it has ${name.length})`,
        text: { vi: `Tên bước tối đa ${MAX_STEP_NAME} ký tự (đang có ${name.length})`, en: `Keep the step name under ${MAX_STEP_NAME} characters (it has ${name.length})` },
        code: 'step-name-too-long',
      });
      continue;
    }
    const key = name.toLocaleLowerCase('vi');
    byName.set(key, [...(byName.get(key) ?? []), info.node.id]);
  }
  // Each of the steps sharing a name says so: whichever one is open shows the problem.
  for (const ids of byName.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const name = a.nodes.get(id)?.node.label?.trim() ?? '';
      issues.push({
        nodeId: id,
        path: 'label',
        message: `Another step is also called "${name}": give each step its own name`,
        text: { vi: `Đã có bước khác tên "${name}": hãy đặt cho mỗi bước một tên riêng`, en: `Another step is also called "${name}": give each step its own name` },
        code: 'duplicate-step-name',
      });
    }
  }
  return issues;
}

/** A loop is fine only if it passes a wait: otherwise customers would spin through it instantly. */
function cyclesWithoutWait(a: Analysis): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const isInstant = (id: string) => {
    const type = a.nodes.get(id)?.type;
    if (!type || type.category === 'trigger' || type.category === 'setting') return false;
    return !(type.holdsCustomers ?? type.category === 'wait');
  };
  const color = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const instantSuccessors = (id: string) => (a.successors.get(id) ?? []).filter(isInstant);
  for (const startId of a.nodes.keys()) {
    if (color.has(startId) || !isInstant(startId)) continue;
    // Iterative DFS: journeys can be long chains and must not overflow the stack.
    const stack: { id: string; succ: string[]; i: number }[] = [{ id: startId, succ: instantSuccessors(startId), i: 0 }];
    color.set(startId, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.succ.length) {
        color.set(top.id, 2);
        stack.pop();
        continue;
      }
      const next = top.succ[top.i++]!;
      const c = color.get(next);
      if (c === 1 && !reported.has(next)) {
        reported.add(next);
        const info = a.nodes.get(next)!;
        issues.push({
          nodeId: next,
          path: '',
          message: `"${nodeLabel(info)}" is in a loop with no wait: customers would go round it forever. Add a Wait inside the loop`,
          text: { vi: `"${nodeNames(info).vi}" nằm trong một vòng lặp không có bước chờ: khách sẽ quay vòng mãi. Thêm một bước Chờ vào vòng lặp`, en: `"${nodeLabel(info)}" is in a loop with no wait: customers would go round it forever. Add a Wait inside the loop` },
          code: 'cycle-without-wait',
        });
      } else if (c === undefined) {
        color.set(next, 1);
        stack.push({ id: next, succ: instantSuccessors(next), i: 0 });
      }
    }
  }
  return issues;
}

/** Is `from` on some path leading to `to`? Searches backwards from `to`: the usual answer is a step or two away. */
function upstreamChecker(a: Analysis): (from: string, to: string) => boolean {
  return (from, to) => {
    const seen = new Set<string>();
    const stack = [...(a.predecessors.get(to) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === from) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const p of a.predecessors.get(id) ?? []) if (!seen.has(p)) stack.push(p);
    }
    return false;
  };
}

/**
 * Template variables offered by earlier steps (e.g. `voucher`) available on entering each node,
 * along some path: one forward pass to a fixpoint over tiny sets of names.
 */
function availableVariables(a: Analysis): Map<string, Set<string>> {
  const avail = new Map<string, Set<string>>();
  const work = [...a.nodes.keys()];
  while (work.length) {
    const id = work.pop()!;
    const info = a.nodes.get(id);
    const own = info?.valid ? info.type?.templateVariable : undefined;
    const here = avail.get(id);
    for (const next of a.successors.get(id) ?? []) {
      let target = avail.get(next);
      if (!target) avail.set(next, (target = new Set()));
      const before = target.size;
      if (here) for (const v of here) target.add(v);
      if (own) target.add(own);
      if (target.size !== before) work.push(next);
    }
  }
  return avail;
}

function nodeRules(a: Analysis, registry: NodeRegistry): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const views: GraphNodeView[] = [...a.nodes.values()].map((n) => ({ id: n.node.id, type: n.node.type, config: n.config, valid: n.valid, ...(n.node.label ? { label: n.node.label } : {}) }));
  const viewById = new Map(views.map((v) => [v.id, v]));
  const reaches = upstreamChecker(a);
  const variableOwners = new Map<string, LocalText>();
  for (const t of registry.list()) if (t.templateVariable) variableOwners.set(t.templateVariable, t.label);
  let avail: Map<string, Set<string>> | null = null;

  for (const info of a.nodes.values()) {
    if (!info.valid || !info.type) continue;
    const nodeId = info.node.id;
    const ctx: GraphContext = new NodeGraphContext(nodeId, views, viewById, reaches);
    try {
      for (const i of info.type.validate?.(info.config, ctx) ?? []) issues.push({ nodeId, path: i.path, message: i.message.en, text: i.message, code: 'node-rule' });
    } catch (e) {
      issues.push({ nodeId, path: '', message: `"${nodeLabel(info)}" could not check its settings: ${String(e)}`, text: { vi: `"${nodeNames(info).vi}" không kiểm tra được cài đặt: ${String(e)}`, en: `"${nodeLabel(info)}" could not check its settings: ${String(e)}` }, code: 'internal' });
    }
    if (hasTemplates(info)) issues.push(...templateIssues(info, (avail ??= availableVariables(a)).get(nodeId), variableOwners));
  }
  return issues;
}

const liquidFieldsByType = new WeakMap<object, string[]>();

/** Config fields the node type marks as Liquid templates (cached per type). */
function liquidFields(info: NodeInfo): string[] {
  const type = info.type;
  if (!type) return [];
  let fields = liquidFieldsByType.get(type);
  if (!fields) {
    const form = type.form as Record<string, { widget?: string } | undefined>;
    fields = Object.keys(form).filter((k) => form[k]?.widget === 'liquid');
    liquidFieldsByType.set(type, fields);
  }
  return fields;
}

class NodeGraphContext implements GraphContext {
  constructor(
    readonly nodeId: string,
    readonly nodes: readonly GraphNodeView[],
    private readonly byId: Map<string, GraphNodeView>,
    private readonly reaches: (from: string, to: string) => boolean,
  ) {}
  node(id: string): GraphNodeView | undefined {
    return this.byId.get(id);
  }
  isUpstream(id: string): boolean {
    return this.reaches(id, this.nodeId);
  }
}

function hasTemplates(info: NodeInfo): boolean {
  return liquidFields(info).length > 0;
}

const SYNTAX_TEXT = {
  outputNotClosed: { vi: 'Mẫu tin nhắn viết sai cú pháp Liquid: có {{ chưa đóng bằng }} (hoặc ngược lại)', en: 'A {{ is not closed with }} (or the other way round)' },
  tagNotClosed: { vi: 'Mẫu tin nhắn viết sai cú pháp Liquid: có {% chưa đóng bằng %} (hoặc ngược lại)', en: 'A {% is not closed with %} (or the other way round)' },
} as const;

function templateIssues(info: NodeInfo, offered: Set<string> | undefined, owners: Map<string, LocalText>): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  for (const field of liquidFields(info)) {
    const value = (info.config as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !value.includes('{')) continue;
    const scan = scanTemplate(value);
    if (scan.syntaxError)
      issues.push({ nodeId: info.node.id, path: field, message: scan.syntaxError, text: SYNTAX_TEXT[scan.syntaxCode ?? 'outputNotClosed'], code: 'template-syntax' });
    const known = new Set<string>([...BASE_TEMPLATE_VARIABLES, ...scan.defines]);
    for (const v of offered ?? []) known.add(v);
    const seen = new Set<string>();
    for (const r of scan.reads) {
      if (known.has(r.root) || seen.has(r.root)) continue;
      seen.add(r.root);
      const owner = owners.get(r.root);
      const text = owner
        ? { vi: `{{ ${r.expression} }} cần một bước "${owner.vi}" trước đó trên đường đi của khách`, en: `{{ ${r.expression} }} needs a "${owner.en}" step earlier on the customer’s path` }
        : {
            vi: `{{ ${r.expression} }} không phải biến Braid biết: dùng customer (vd. customer.firstName), entry (sự kiện bắt đầu hành trình) hoặc journey`,
            en: `{{ ${r.expression} }} is not a variable we know: use customer (e.g. customer.firstName), entry (the event that started the journey) or journey`,
          };
      issues.push({ nodeId: info.node.id, path: field, message: text.en, text, code: 'unknown-variable' });
    }
  }
  return issues;
}
