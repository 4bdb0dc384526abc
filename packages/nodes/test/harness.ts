import { scaledMs } from '@braid/sdk';
import type { AnyNodeType, CompileContext, CompileOutput, GraphContext, GraphNodeView, Language } from '@braid/sdk';

export function compileCtx(nodeId = 'n1', timeScale = 1): CompileContext {
  return {
    nodeId,
    journeyId: 'j1',
    version: 3,
    next: (port) => `next:${port}`,
    stepId: (suffix) => `${nodeId}:${suffix}`,
    stepOf: (id) => id,
    ms: scaledMs(timeScale),
  };
}

export function graphCtx(nodes: GraphNodeView[] = [], upstream: string[] = [], nodeId = 'n1'): GraphContext {
  return { nodeId, nodes, node: (id) => nodes.find((n) => n.id === id), isUpstream: (id) => upstream.includes(id) };
}

/** Parses then compiles, failing loudly when the config is invalid (tests only). */
export function compileNode(type: AnyNodeType, raw: unknown, nodeId = 'n1', timeScale = 1): CompileOutput {
  const parsed = type.parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return type.compile(parsed.config, compileCtx(nodeId, timeScale));
}

/** Issues with their English wording (`lang` picks the other); both languages are tested in catalogue.test.ts. */
export function issuesOf(type: AnyNodeType, raw: unknown, ctx: GraphContext = graphCtx(), lang: Language = 'en'): { path: string; message: string }[] {
  const parsed = type.parseConfig(raw);
  const issues = parsed.ok ? (type.validate?.(parsed.config, ctx) ?? []) : parsed.issues;
  return issues.map((i) => ({ path: i.path, message: i.message[lang] }));
}
