// defineNodeType: one declaration per node type. The zod schema *is* the config type; the
// canvas renders its form from `form`, the journey compiler calls `compile`, validation calls
// `validate`, and saved graphs written against an older `version` are upgraded by `migrate`.
// Everything here is isomorphic: no server code, so the canvas can bundle every definition.
// Every text is a LocalText ({ vi, en }): see ./text.
import type { z } from 'zod';
// One locale, imported by itself: `z.locales` would pull every language into the canvas bundle.
import vi from 'zod/v4/locales/vi.js';
import type { FormHints } from './form';
import type { ExitCriterion, Goal, Step, Trigger } from './ir';
import type { Duration } from './schemas';
import { durationToMs } from './schemas';
import type { LocalText } from './text';
import { decodeText } from './text';

export type NodeCategory = 'trigger' | 'wait' | 'condition' | 'action' | 'setting';

/** A named output of a node; edges leave from a port. */
export type Port = {
  id: string;
  label: LocalText;
  /** An optional port may stay unconnected: customers taking it leave the journey. */
  optional?: boolean;
};

/** A problem with one node, in words a marketer understands. `path` is the config field path (`subject`, `where.0.value`). */
export type ConfigIssue = { path: string; message: LocalText };

/** What a node sees of the rest of the journey when validating. */
export type GraphNodeView = {
  id: string;
  type: string;
  /** Parsed config when it is valid, otherwise the raw value. */
  config: unknown;
  valid: boolean;
  /** The name the marketer gave the step, when it has one: problems name the step by it. */
  label?: string;
};

export type GraphContext = {
  nodeId: string;
  nodes: readonly GraphNodeView[];
  node(id: string): GraphNodeView | undefined;
  /** Nodes that come before this one on some path from the trigger (or from the goal's post-goal path). */
  isUpstream(nodeId: string): boolean;
};

export type CompileContext = {
  nodeId: string;
  journeyId: string;
  version: number;
  /** Step id an output port leads to (an end step when an optional port is left unconnected). */
  next(port: string): string;
  /** A fresh step id for an extra step this node emits (the node's first step must use `nodeId`). */
  stepId(suffix: string): string;
  /** Step id of another node's first step, e.g. the message an engagement check refers to. */
  stepOf(nodeId: string): string;
  /** Converts a duration to milliseconds, scaled by the compile `timeScale` (1 in production). */
  ms(duration: Duration | number): number;
};

/**
 * What compiling one node produces. Flow nodes return `steps` whose first step has id
 * `ctx.nodeId`; triggers return `trigger` and `start`; settings return `goal` / `exitCriteria`.
 */
export type CompileOutput = {
  steps?: Step[];
  trigger?: Trigger;
  start?: string;
  goal?: NonNullable<Goal>;
  exitCriteria?: ExitCriterion[];
};

export type ParseResult<C> = { ok: true; config: C } | { ok: false; issues: ConfigIssue[] };

type Ports<C> = readonly Port[] | ((config: C) => readonly Port[]);

/** What a developer writes. `C` is inferred from `configSchema`. */
export type NodeTypeSpec<Id extends string, S extends z.ZodType, Cat extends NodeCategory> = {
  id: Id;
  category: Cat;
  /** Bump when the config shape changes, and teach `migrate` the old shape. */
  version: number;
  /** The name on the palette and the card, e.g. `{ vi: 'Gửi tin nhắn', en: 'Send a message' }`. */
  label: LocalText;
  /** One sentence under the name in the palette and the settings panel. */
  description: LocalText;
  /** A lucide icon name (https://lucide.dev/icons), kebab-case, e.g. `mail`, `clock`, `message-square`. */
  icon: string;
  /**
   * The config schema. Custom error messages must carry both languages:
   * `z.string().min(1, errorText({ vi: '…', en: '…' }))`; zod's own messages are translated.
   */
  configSchema: S;
  /** Config a freshly dropped node starts with. */
  defaultConfig: z.input<S>;
  form: FormHints<z.output<S>>;
  ports: Ports<z.output<S>>;
  /** One line shown on the canvas card, e.g. `{ vi: 'Chờ 2 ngày', en: 'Wait 2 days' }`. */
  summary(config: z.output<S>): LocalText;
  /** Graph-aware checks beyond the schema (the schema's own messages are reported already). */
  validate?(config: z.output<S>, ctx: GraphContext): ConfigIssue[];
  compile(config: z.output<S>, ctx: CompileContext): CompileOutput;
  /** Upgrade a config saved by `fromVersion` (< version) to the current shape. */
  migrate?(fromVersion: number, config: unknown): unknown;
  /** Action nodes: the channel used for task-queue routing and caps, when the action sends. */
  channelOf?(config: z.output<S>): string | undefined;
  /** Name under which this node's output becomes a template variable for later nodes (e.g. `voucher`). */
  templateVariable?: string;
  /**
   * Does a customer always spend time here? Default: true for waits, false otherwise. A loop is
   * only allowed through a node that holds customers; a time-window wait may let them straight
   * through (already inside the window), so it says false.
   */
  holdsCustomers?: boolean;
};

/** What `defineNodeType` returns: the spec plus helpers every consumer needs. */
export type NodeType<Id extends string = string, S extends z.ZodType = z.ZodType, Cat extends NodeCategory = NodeCategory> = Omit<
  NodeTypeSpec<Id, S, Cat>,
  'ports' | 'migrate'
> & {
  /** Ports for a given config (static ports ignore it). */
  portsFor(config: z.output<S>): readonly Port[];
  /** Validates raw config against the schema, applying defaults. Never throws. */
  parseConfig(raw: unknown): ParseResult<z.output<S>>;
  /** Brings a config saved at `fromVersion` up to `version`; never throws. */
  upgradeConfig(fromVersion: number, raw: unknown): ParseResult<z.output<S>>;
  /** True when ports depend on config (the canvas re-reads them on every config change). */
  dynamicPorts: boolean;
};

/** Any node type, for registries and loaders. */
export type AnyNodeType = NodeType<string, z.ZodType, NodeCategory>;

/** The config type of a node type. */
export type ConfigOf<T> = T extends NodeType<string, infer S, NodeCategory> ? z.output<S> : never;

/**
 * zod issues as bilingual config issues. A message made by `errorText` carries both languages;
 * zod's own messages come in English here and in Vietnamese from `viIssues` (the same parse
 * with zod's Vietnamese locale), matched by position.
 */
export function zodIssuesToConfigIssues(error: z.ZodError, viIssues?: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return error.issues.map((i, k) => {
    const path = i.path.map(String).join('.');
    const text = decodeText(i.message);
    if (text) return { path, message: text };
    const vi = viIssues?.[k];
    return { path, message: { vi: vi && vi.path.join('.') === i.path.join('.') ? vi.message : i.message, en: i.message } };
  });
}

const viLocale = vi();

export function defineNodeType<const Id extends string, S extends z.ZodType, const Cat extends NodeCategory>(
  spec: NodeTypeSpec<Id, S, Cat>,
): NodeType<Id, S, Cat> {
  const { ports, migrate, ...rest } = spec;
  const parseConfig = (raw: unknown): ParseResult<z.output<S>> => {
    try {
      const r = spec.configSchema.safeParse(raw);
      if (r.success) return { ok: true, config: r.data };
      // Only a failed parse pays for the second pass that words zod's own messages in Vietnamese.
      const vi = spec.configSchema.safeParse(raw, { error: viLocale.localeError });
      return { ok: false, issues: zodIssuesToConfigIssues(r.error, vi.success ? undefined : vi.error.issues) };
    } catch (e) {
      return { ok: false, issues: [{ path: '', message: { vi: `Không đọc được cài đặt của bước này (${String(e)})`, en: `This step's settings could not be read (${String(e)})` } }] };
    }
  };
  return {
    ...rest,
    dynamicPorts: typeof ports === 'function',
    portsFor: (config) => (typeof ports === 'function' ? ports(config) : ports),
    parseConfig,
    upgradeConfig(fromVersion, raw) {
      if (fromVersion === spec.version) return parseConfig(raw);
      const { vi, en } = spec.label;
      if (fromVersion > spec.version) {
        return {
          ok: false,
          issues: [{ path: '', message: { vi: `Bước này được lưu bởi phiên bản mới hơn (${fromVersion}) của "${vi}" so với máy chủ này (${spec.version})`, en: `This step was saved by a newer version (${fromVersion}) of "${en}" than this server knows (${spec.version})` } }],
        };
      }
      if (!migrate) {
        return { ok: false, issues: [{ path: '', message: { vi: `"${vi}" không nâng cấp được cài đặt lưu bởi phiên bản ${fromVersion}`, en: `"${en}" cannot upgrade settings saved by version ${fromVersion}` } }] };
      }
      try {
        return parseConfig(migrate(fromVersion, raw));
      } catch (e) {
        return { ok: false, issues: [{ path: '', message: { vi: `Không nâng cấp được cài đặt "${vi}" từ phiên bản ${fromVersion}: ${String(e)}`, en: `Could not upgrade "${en}" settings from version ${fromVersion}: ${String(e)}` } }] };
      }
    },
  };
}

/** Default `ms` for compile contexts: unscaled. */
export function scaledMs(timeScale: number): (d: Duration | number) => number {
  return (d) => Math.max(0, Math.round((typeof d === 'number' ? d : durationToMs(d)) * timeScale));
}

/**
 * A JSON description of a node type: the catalogue entry the API serves to the canvas. Dynamic
 * ports are given for the default config; `configJsonSchema` is null when the schema has no
 * JSON form. `package` names the node package that brought it (`@braid/nodes` for built-ins).
 */
export type NodeTypeDescriptor = {
  id: string;
  package: string;
  category: NodeCategory;
  version: number;
  label: LocalText;
  description: LocalText;
  icon: string;
  form: Record<string, unknown>;
  defaultConfig: unknown;
  ports: readonly Port[];
  dynamicPorts: boolean;
  /** Name under which this node's output is a template variable for later steps, or null. */
  templateVariable: string | null;
  configJsonSchema: unknown;
};
