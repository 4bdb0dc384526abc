// The load-time check of a node type: a definition that forgets a required field (a form hint's
// widget, a port's label in one language, a compiled step's onFailure) is refused when its
// package loads, with the field named, instead of being listed and failing at publish.
import { describeNodeType } from './describe';
import { fieldWidgets } from './form';
import type { AnyNodeType, CompileContext, CompileOutput, NodeCategory } from './node-type';
import { untranslatedSchemaMessages } from './schema-messages';
import { isLocalText, languages } from './text';

const CATEGORIES: readonly NodeCategory[] = ['trigger', 'wait', 'condition', 'action', 'setting'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const WIDGETS = new Set<string>(fieldWidgets);

/** Problems with a node type, each naming the field: `form.webhookUrl.widget is missing`. Empty when it is sound. */
export function checkNodeType(type: AnyNodeType): string[] {
  const problems: string[] = [];
  const t = type as Partial<Record<keyof AnyNodeType, unknown>>;
  if (typeof t.id !== 'string' || !KEBAB.test(t.id)) problems.push('id must be kebab-case, e.g. "add-loyalty-points"');
  if (!CATEGORIES.includes(t.category as NodeCategory)) problems.push(`category must be one of ${CATEGORIES.join(', ')}`);
  if (typeof t.version !== 'number' || !Number.isInteger(t.version) || t.version < 1) problems.push('version must be a whole number from 1');
  problems.push(...textProblems(t.label, 'label'), ...textProblems(t.description, 'description'));
  if (typeof t.icon !== 'string' || !KEBAB.test(t.icon)) problems.push('icon must be a lucide icon name such as "message-square"');
  for (const fn of ['summary', 'compile', 'parseConfig', 'portsFor'] as const) if (typeof t[fn] !== 'function') problems.push(`${fn} is missing`);
  if (!t.configSchema || typeof t.configSchema !== 'object') problems.push('configSchema is missing');
  else problems.push(...untranslatedSchemaMessages(t.configSchema).map((p) => `${p}: error message must be errorText({ vi, en })`));
  problems.push(...formProblems(t.form));
  if (problems.length) return problems;
  return [...portProblems(type), ...outputProblems(type), ...descriptionProblems(type)];
}

/** The catalogue sends each type to the browser as JSON: one that cannot be would break the palette. */
function descriptionProblems(type: AnyNodeType): string[] {
  try {
    JSON.stringify(describeNodeType(type, 'check'));
    return [];
  } catch (e) {
    return [`cannot be described to the browser (form hints, defaultConfig and ports must be plain JSON): ${e instanceof Error ? e.message : String(e)}`];
  }
}

function textProblems(value: unknown, field: string): string[] {
  if (!isLocalText(value)) return [`${field} must be { vi, en }`];
  return languages.filter((l) => !value[l].trim()).map((l) => `${field}.${l} is empty`);
}

function formProblems(form: unknown): string[] {
  if (typeof form !== 'object' || form === null) return ['form is missing'];
  const problems: string[] = [];
  for (const [field, hint] of Object.entries(form as Record<string, unknown>)) {
    if (hint === undefined) continue;
    const at = `form.${field}`;
    if (typeof hint !== 'object' || hint === null) {
      problems.push(`${at} must be a form hint`);
      continue;
    }
    const h = hint as Record<string, unknown>;
    if (h.widget === undefined) problems.push(`${at}.widget is missing`);
    else if (!WIDGETS.has(String(h.widget))) problems.push(`${at}.widget "${String(h.widget)}" is not a widget the canvas has`);
    problems.push(...textProblems(h.label, `${at}.label`));
    for (const optional of ['help', 'placeholder'] as const) if (h[optional] !== undefined) problems.push(...textProblems(h[optional], `${at}.${optional}`));
    if (h.options !== undefined) {
      if (!Array.isArray(h.options)) problems.push(`${at}.options must be a list`);
      else h.options.forEach((o: unknown, i) => problems.push(...textProblems((o as { label?: unknown } | null)?.label, `${at}.options.${i}.label`)));
    }
  }
  return problems;
}

function defaultConfigOf(type: AnyNodeType): { ok: true; config: unknown } | { ok: false } {
  const parsed = type.parseConfig(type.defaultConfig);
  return parsed.ok ? parsed : { ok: false };
}

function portProblems(type: AnyNodeType): string[] {
  const parsed = defaultConfigOf(type);
  // Dynamic ports need a valid config; a default left for the marketer to fill is fine.
  if (type.dynamicPorts && !parsed.ok) return [];
  let ports: unknown;
  try {
    ports = type.portsFor((parsed.ok ? parsed.config : undefined) as never);
  } catch (e) {
    return [`ports could not be listed: ${String(e)}`];
  }
  if (!Array.isArray(ports)) return ['ports must be a list'];
  return ports.flatMap((p: unknown, i) => {
    const port = p as { id?: unknown; label?: unknown } | null;
    return [...(typeof port?.id === 'string' && port.id ? [] : [`ports.${i}.id is missing`]), ...textProblems(port?.label, `ports.${i}.label`)];
  });
}

/** A stub context: compile is pure, so running it on the default config shows the shape of its output. */
function sampleContext(): CompileContext {
  return { nodeId: 'sample', journeyId: 'sample', version: 1, next: (port) => `next-${port}`, stepId: (s) => `sample.${s}`, stepOf: (id) => id, ms: () => 1000 };
}

function outputProblems(type: AnyNodeType): string[] {
  const problems: string[] = [];
  const parsed = defaultConfigOf(type);
  if (parsed.ok) {
    try {
      const text = type.summary(parsed.config as never);
      problems.push(...textProblems(text, 'summary(defaultConfig)'));
    } catch (e) {
      problems.push(`summary(defaultConfig) threw: ${String(e)}`);
    }
  }
  let out: CompileOutput;
  try {
    // The raw default is enough to see the step shapes, even when a field is left for the marketer.
    out = type.compile((parsed.ok ? parsed.config : type.defaultConfig) as never, sampleContext());
  } catch {
    // A default that compile cannot use yet (an empty required field) proves nothing either way.
    return problems;
  }
  (out?.steps ?? []).forEach((step, i) => problems.push(...stepProblems(step as unknown as Record<string, unknown>, `compile().steps.${i}`)));
  return problems;
}

function stepProblems(step: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  const need = (field: string, ok: boolean) => !ok && problems.push(`${at}.${field} is missing`);
  need('id', typeof step.id === 'string' && step.id !== '');
  switch (step.type) {
    case 'action': {
      need('kind', typeof step.kind === 'string' && step.kind !== '');
      need('next', typeof step.next === 'string');
      const onFailure = step.onFailure as { kind?: unknown } | undefined;
      need('onFailure', ['continue', 'exit', 'goto'].includes(String(onFailure?.kind)));
      break;
    }
    case 'wait':
      need('wait', typeof step.wait === 'object' && step.wait !== null);
      need('next', typeof step.next === 'string');
      break;
    case 'branch':
      need('condition', typeof step.condition === 'object' && step.condition !== null);
      need('outputs', Array.isArray(step.outputs));
      break;
    case 'end':
      need('reason', typeof step.reason === 'string');
      break;
    default:
      problems.push(`${at}.type must be action, wait, branch or end`);
  }
  return problems;
}

/** Refuses a package's node types at load, naming the package, the type and the field. */
export function assertNodeTypes(types: readonly AnyNodeType[], packageName: string): void {
  const lines: string[] = [];
  types.forEach((type, i) => {
    const name = typeof (type as { id?: unknown } | null)?.id === 'string' ? `"${type.id}"` : `#${i + 1}`;
    for (const p of checkNodeType(type)) lines.push(`node type ${name}: ${p}`);
  });
  if (lines.length) throw new Error(`Node package "${packageName}" has a malformed node type:\n  ${lines.join('\n  ')}`);
}
