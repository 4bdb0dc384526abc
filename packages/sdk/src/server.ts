// Server-only entry (`@braid/sdk/server`): implementations of action nodes and the loader of
// developer node packages. The canvas must never import this file.
import type { z } from 'zod';
import type { ActionContext } from './action';
import type { Json } from './ir';
import type { AnyNodeType, NodeCategory, NodeType } from './node-type';
import type { LocalText } from './text';

export type * from './action';
export { loadNodePackages, nodePackagesFromEnv, nodePackagesReport } from './load-node-packages';
export type { LoadedNodePackages, NodePackageRefusal } from './load-node-packages';

/** A handler's return value becomes the node's output (e.g. the voucher code) for later templates. */
export type ActionHandler<C> = (ctx: ActionContext<C>) => Promise<Json | void>;

export type NodeImplementation<Id extends string = string, S extends z.ZodType = z.ZodType> = {
  definition: NodeType<Id, S, NodeCategory>;
  handler: ActionHandler<z.output<S>>;
};

export type AnyNodeImplementation = {
  definition: AnyNodeType;
  // The config is parsed against `definition.configSchema` before the call, so `unknown` is safe here.
  handler: ActionHandler<never>;
};

/** Attaches a side effect to an action node type. `ctx.config` is typed from the definition's schema. */
export function implementNodeType<Id extends string, S extends z.ZodType>(
  definition: NodeType<Id, S, 'action'>,
  handler: ActionHandler<z.output<S>>,
): NodeImplementation<Id, S> {
  return { definition, handler };
}

export type ImplementationRegistry = {
  get(kind: string): AnyNodeImplementation | undefined;
  list(): readonly AnyNodeImplementation[];
};

export function createImplementationRegistry(impls: readonly AnyNodeImplementation[]): ImplementationRegistry {
  const byId = new Map<string, AnyNodeImplementation>();
  for (const i of impls) {
    if (byId.has(i.definition.id)) throw new Error(`Node type "${i.definition.id}" is implemented twice`);
    byId.set(i.definition.id, i);
  }
  return { get: (kind) => byId.get(kind), list: () => [...byId.values()] };
}

export class ActionConfigError extends Error {
  constructor(
    readonly kind: string,
    // Runtime errors end up in logs and the outbox, read by staff: English, or a node's LocalText.
    readonly issues: { path: string; message: string | LocalText }[],
  ) {
    super(`Invalid settings for "${kind}": ${issues.map((i) => `${i.path || '(config)'}: ${typeof i.message === 'string' ? i.message : i.message.en}`).join('; ')}`);
    this.name = 'ActionConfigError';
  }
}

/**
 * Runs the implementation of `kind` with a raw (JSON) config from the IR: parses it with the
 * definition's schema first so the handler only ever sees a typed, valid config.
 * Throws when the kind is unknown or the config invalid (non-retryable for the runtime).
 */
export async function runAction(
  registry: ImplementationRegistry,
  kind: string,
  ctx: Omit<ActionContext<unknown>, 'config'> & { config: Json },
): Promise<Json | null> {
  const impl = registry.get(kind);
  if (!impl) throw new ActionConfigError(kind, [{ path: '', message: 'no implementation is installed for this node type' }]);
  const parsed = impl.definition.parseConfig(ctx.config);
  if (!parsed.ok) throw new ActionConfigError(kind, parsed.issues);
  const out = await (impl.handler as ActionHandler<unknown>)({ ...ctx, config: parsed.config });
  return out ?? null;
}
