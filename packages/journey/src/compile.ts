// compile(graph, registry, { journeyId, version }): the published program. Refuses a graph
// with any validation issue, so the IR only ever describes journeys a marketer saw pass.
import type { CompileContext, ExitCriterion, Goal, JourneyIR, NodeRegistry, Step, Trigger } from '@braid/sdk';
import { IR_VERSION, scaledMs } from '@braid/sdk';
import type { Analysis, NodeInfo } from './analyse';
import { analyse, nodeLabel, portKey } from './analyse';
import type { JourneyIssue } from './graph';
import { checkAnalysis } from './validate';

export type CompileOptions = {
  journeyId: string;
  version: number;
  /**
   * Multiplies every duration (waits, timeouts, goal window, re-entry gaps). 1 in production;
   * real-server tests use e.g. 1/86_400 so a day lasts a second.
   */
  timeScale?: number;
};

export type CompileResult = { ok: true; ir: JourneyIR } | { ok: false; issues: JourneyIssue[] };

export function compile(graph: unknown, registry: NodeRegistry, options: CompileOptions): CompileResult {
  try {
    const a = analyse(graph, registry);
    if (!('graph' in a)) return { ok: false, issues: a.issues };
    const issues = checkAnalysis(a, registry);
    if (issues.length) return { ok: false, issues };
    return build(a, options);
  } catch (e) {
    return { ok: false, issues: [{ nodeId: null, path: '', message: `The journey could not be published: ${e instanceof Error ? e.message : String(e)}`, code: 'internal' }] };
  }
}

function build(a: Analysis, options: CompileOptions): CompileResult {
  const steps: Record<string, Step> = {};
  const nodeOf: Record<string, string> = {};
  const ms = scaledMs(options.timeScale ?? 1);
  let trigger: Trigger | null = null;
  let start: string | null = null;
  let goal: Goal = null;
  const exitCriteria: ExitCriterion[] = [];
  const issues: JourneyIssue[] = [];

  for (const info of a.nodes.values()) {
    const type = info.type!;
    const nodeId = info.node.id;
    const isFlow = type.category !== 'trigger' && type.category !== 'setting';
    if (isFlow && !a.reachable.has(nodeId)) continue;
    const ctx = new NodeCompileContext(nodeId, info, a, options, ms, steps, nodeOf);
    let out: ReturnType<typeof type.compile>;
    try {
      out = type.compile(info.config, ctx);
    } catch (e) {
      // A node type's own bug (often an installed package's): named, with its step, not a crash.
      const reason = e instanceof Error ? e.message : String(e);
      issues.push({ nodeId, path: '', message: `"${nodeLabel(info)}" could not be compiled by its step type "${type.id}": ${reason}`, code: 'internal' });
      continue;
    }
    for (const step of out.steps ?? []) {
      steps[step.id] = step;
      nodeOf[step.id] = nodeId;
    }
    if (isFlow && !steps[nodeId])
      issues.push({ nodeId, path: '', message: `"${nodeLabel(info)}" produced no step with its own id (a bug in the node type "${type.id}")`, code: 'internal' });
    if (out.trigger) {
      trigger = out.trigger;
      start = out.start ?? null;
    }
    if (out.goal) goal = out.goal;
    if (out.exitCriteria) exitCriteria.push(...out.exitCriteria);
  }
  if (!trigger || !start) return { ok: false, issues: [{ nodeId: null, path: '', message: 'Add a trigger: the journey needs a way for customers to enter', code: 'missing-trigger' }] };
  for (const step of Object.values(steps)) {
    for (const target of targetsOf(step))
      if (!steps[target]) issues.push({ nodeId: nodeOf[step.id] ?? null, path: '', message: `Leads to "${target}", which is not part of the journey`, code: 'internal' });
  }
  if (!steps[start]) issues.push({ nodeId: null, path: '', message: 'The trigger leads to a step that is not part of the journey', code: 'internal' });
  if (goal?.onConvert.kind === 'goto' && !steps[goal.onConvert.stepId])
    issues.push({ nodeId: null, path: '', message: 'The goal’s after-converting path leads nowhere', code: 'internal' });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    ir: { irVersion: IR_VERSION, journeyId: options.journeyId, version: options.version, trigger, goal, exitCriteria, start, steps, nodeOf },
  };
}

/** One per node; methods on the prototype keep compile of large journeys allocation-light. */
class NodeCompileContext implements CompileContext {
  readonly journeyId: string;
  readonly version: number;
  constructor(
    readonly nodeId: string,
    private readonly info: NodeInfo,
    private readonly a: Analysis,
    options: CompileOptions,
    readonly ms: CompileContext['ms'],
    private readonly steps: Record<string, Step>,
    private readonly nodeOf: Record<string, string>,
  ) {
    this.journeyId = options.journeyId;
    this.version = options.version;
  }

  next(port: string): string {
    const edge = this.a.edgesFrom.get(portKey(this.nodeId, port))?.[0];
    if (edge) return edge.target;
    // An optional port left open: customers taking it leave here, with a reason the reports can show.
    const id = `${this.nodeId}.${port}.end`;
    const portLabel = this.info.ports.find((p) => p.id === port)?.label.en ?? port;
    this.steps[id] = { type: 'end', id, reason: `Left after "${nodeLabel(this.info)}" (${portLabel})` };
    this.nodeOf[id] = this.nodeId;
    return id;
  }

  stepId(suffix: string): string {
    return `${this.nodeId}.${suffix}`;
  }

  stepOf(nodeId: string): string {
    return nodeId;
  }
}

function targetsOf(step: Step): string[] {
  switch (step.type) {
    case 'action':
      return step.onFailure.kind === 'goto' ? [step.next, step.onFailure.stepId] : [step.next];
    case 'wait':
      return 'timeoutNext' in step ? [step.next, step.timeoutNext] : [step.next];
    case 'branch':
      return step.outputs.map((o) => o.next);
    case 'end':
      return [];
  }
}
