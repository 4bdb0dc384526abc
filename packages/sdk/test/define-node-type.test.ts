import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, defineNodeType, durationSchema, errorText, scaledMs } from '../src/index';
import type { ActionContext, ActionServices } from '../src/server';
import { createImplementationRegistry, implementNodeType, loadNodePackages, nodePackagesFromEnv, nodePackagesReport, runAction } from '../src/server';

const greet = defineNodeType({
  id: 'greet',
  category: 'action',
  version: 2,
  label: { vi: 'Chào', en: 'Greet' },
  description: { vi: 'Chào khách', en: 'Say hello' },
  icon: 'hand',
  configSchema: z.object({ name: z.string().min(1, errorText({ vi: 'Cần có tên', en: 'Name is required' })), times: z.number().int().default(1), wait: durationSchema.optional() }),
  defaultConfig: { name: 'Toản' },
  form: {
    name: { label: { vi: 'Tên', en: 'Name' }, widget: 'text' },
    times: { label: { vi: 'Số lần', en: 'Times' }, widget: 'number', showIf: { field: 'name', equals: 'x' } },
  },
  ports: [{ id: 'out', label: { vi: 'Tiếp', en: 'Next' } }],
  summary: (c) => ({ vi: `Chào ${c.name}`, en: `Greet ${c.name}` }),
  compile: (c, ctx) => ({ steps: [{ type: 'action', id: ctx.nodeId, kind: 'greet', config: { name: c.name, times: c.times }, next: ctx.next('out'), onFailure: { kind: 'continue' } }] }),
  migrate: (from, config) => (from === 1 ? { name: (config as { who: string }).who } : config),
});

const split = defineNodeType({
  id: 'split',
  category: 'condition',
  version: 1,
  label: { vi: 'Chia', en: 'Split' },
  description: { vi: 'Chia nhánh', en: 'Split paths' },
  icon: 'split',
  configSchema: z.object({ n: z.number().int().min(1) }),
  defaultConfig: { n: 2 },
  form: {},
  ports: (c) => Array.from({ length: c.n }, (_, i) => ({ id: `p${i}`, label: { vi: `Nhánh ${i + 1}`, en: `Path ${i + 1}` } })),
  summary: (c) => ({ vi: `${c.n} nhánh`, en: `${c.n} paths` }),
  compile: () => ({}),
});

describe('defineNodeType', () => {
  it('infers the config type from the schema', () => {
    expectTypeOf(greet.id).toEqualTypeOf<'greet'>();
    expectTypeOf(greet.category).toEqualTypeOf<'action'>();
    expectTypeOf(greet.summary).parameter(0).toEqualTypeOf<{ name: string; times: number; wait?: { amount: number; unit: 'minutes' | 'hours' | 'days' } | undefined }>();
    const parsed = greet.parseConfig({ name: 'a' });
    if (parsed.ok) expectTypeOf(parsed.config.times).toEqualTypeOf<number>();
  });

  it('infers the handler context from the definition', () => {
    const impl = implementNodeType(greet, async (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<ActionContext<{ name: string; times: number; wait?: { amount: number; unit: 'minutes' | 'hours' | 'days' } | undefined }>>();
      expectTypeOf(ctx.config.name).toEqualTypeOf<string>();
      expectTypeOf(ctx.services).toEqualTypeOf<ActionServices>();
      return { greeted: ctx.config.name };
    });
    expect(impl.definition.id).toBe('greet');
    // @ts-expect-error only action nodes get implementations
    implementNodeType(split, async () => undefined);
  });

  it('parses with defaults and reports schema messages with paths', () => {
    expect(greet.parseConfig({ name: 'x' })).toEqual({ ok: true, config: { name: 'x', times: 1 } });
    expect(greet.parseConfig({ name: '' })).toEqual({ ok: false, issues: [{ path: 'name', message: { vi: 'Cần có tên', en: 'Name is required' } }] });
    expect(greet.parseConfig('garbage').ok).toBe(false);
  });

  it('migrates older configs and refuses newer ones', () => {
    expect(greet.upgradeConfig(1, { who: 'Toàn' })).toEqual({ ok: true, config: { name: 'Toàn', times: 1 } });
    expect(greet.upgradeConfig(3, { name: 'x' }).ok).toBe(false);
    expect(split.upgradeConfig(0, { n: 2 }).ok).toBe(false);
  });

  it('computes ports from config', () => {
    expect(split.dynamicPorts).toBe(true);
    expect(split.portsFor({ n: 3 }).map((p) => p.id)).toEqual(['p0', 'p1', 'p2']);
    expect(greet.portsFor({ name: 'a', times: 1 })).toHaveLength(1);
  });

  it('scales durations', () => {
    expect(scaledMs(1)({ amount: 2, unit: 'days' })).toBe(172_800_000);
    expect(scaledMs(0.001)({ amount: 1, unit: 'hours' })).toBe(3600);
  });
});

describe('registries', () => {
  it('lists by category and rejects duplicates', () => {
    const r = createRegistry([greet, split]);
    expect(r.get('greet')?.label).toEqual({ vi: 'Chào', en: 'Greet' });
    expect(r.byCategory('condition').map((t) => t.id)).toEqual(['split']);
    expect(() => createRegistry([greet, greet])).toThrow(/declared twice/);
  });

  it('runs an action with a parsed config', async () => {
    const impls = createImplementationRegistry([implementNodeType(greet, async (ctx) => ({ hi: ctx.config.name, times: ctx.config.times }))]);
    const base = {
      workspaceId: 'w', customer: { id: 'c', traits: {} }, entryEvent: null, journeyId: 'j', version: 1, nodeId: 'n',
      visit: 1, idempotencyKey: 'k', variables: {}, now: new Date(0).toISOString(), services: {} as ActionServices,
    };
    await expect(runAction(impls, 'greet', { ...base, config: { name: 'Toán' } })).resolves.toEqual({ hi: 'Toán', times: 1 });
    await expect(runAction(impls, 'greet', { ...base, config: { name: '' } })).rejects.toThrow(/Name is required/);
    await expect(runAction(impls, 'nope', { ...base, config: {} })).rejects.toThrow(/no implementation/);
  });
});

describe('loadNodePackages', () => {
  it('reads package names from the environment value', () => {
    expect(nodePackagesFromEnv('@braid/node-notify-chat, @acme/x')).toEqual(['@braid/node-notify-chat', '@acme/x']);
    expect(nodePackagesFromEnv('')).toEqual([]);
  });

  it('imports definitions and implementations by name', async () => {
    const modules: Record<string, unknown> = {
      pkg: { nodeTypes: [greet] },
      'pkg/server': { implementations: [implementNodeType(greet, async () => undefined)] },
      conds: { nodeTypes: [split] },
    };
    const importer = async (s: string) => {
      if (!(s in modules)) throw new Error(`Cannot find module ${s}`);
      return modules[s];
    };
    const loaded = await loadNodePackages(['pkg', 'conds'], importer);
    expect(loaded.nodeTypes.map((t) => t.id)).toEqual(['greet', 'split']);
    expect(loaded.implementations).toHaveLength(1);
    expect(loaded.packages).toEqual([{ name: 'pkg', nodeTypeIds: ['greet'] }, { name: 'conds', nodeTypeIds: ['split'] }]);
    expect(loaded.refused).toEqual([]);
  });

  it('refuses a package that is missing, exports nothing or throws at import, and loads the others', async () => {
    const modules: Record<string, () => unknown> = {
      pkg: () => ({ nodeTypes: [greet] }),
      'pkg/server': () => ({ implementations: [implementNodeType(greet, async () => undefined)] }),
      nothing: () => ({}),
      empty: () => ({ nodeTypes: [] }),
      throws: () => {
        throw new Error('boom at import');
      },
      'half/server': () => {
        throw new Error('server boom');
      },
      half: () => ({ nodeTypes: [split] }),
    };
    const importer = async (s: string) => {
      const load = modules[s];
      if (!load) throw Object.assign(new Error(`Cannot find module '${s}'`), { code: 'ERR_MODULE_NOT_FOUND' });
      return load();
    };
    const loaded = await loadNodePackages(['missing', 'nothing', 'empty', 'throws', 'half', 'pkg'], importer);
    expect(loaded.packages).toEqual([{ name: 'pkg', nodeTypeIds: ['greet'] }]);
    expect(loaded.implementations).toHaveLength(1);
    expect(loaded.refused.map((r) => r.name)).toEqual(['missing', 'nothing', 'empty', 'throws', 'half']);
    const reason = Object.fromEntries(loaded.refused.map((r) => [r.name, r.reason]));
    expect(reason.missing).toBe(`Node package "missing" (named in BRAID_NODE_PACKAGES) could not be loaded: Cannot find module 'missing'`);
    expect(reason.nothing).toMatch(/^Node package "nothing" must export `nodeTypes`/);
    expect(reason.empty).toBe('Node package "empty" exports no node types (`nodeTypes` is empty)');
    expect(reason.throws).toMatch(/^Node package "throws" .*could not be loaded: boom at import$/);
    expect(reason.half).toBe('Node package "half": its server entry "half/server" could not be loaded: server boom');
  });

  it('reports the loaded packages and each refused one for the start-up log', async () => {
    const loaded = await loadNodePackages(['pkg', 'gone'], async (s) => {
      if (s === 'pkg') return { nodeTypes: [greet, split] };
      throw Object.assign(new Error(`Cannot find module '${s}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    expect(nodePackagesReport(loaded)).toEqual({
      info: ['Node packages loaded: pkg (greet, split)'],
      warnings: [`Node package "gone" refused, the rest of Braid runs without it: Node package "gone" (named in BRAID_NODE_PACKAGES) could not be loaded: Cannot find module 'gone'`],
    });
    expect(nodePackagesReport({ packages: [], refused: [] })).toEqual({ info: ['Node packages loaded: none besides the built-ins'], warnings: [] });
  });
});

describe('describeNodeType', () => {
  it('gives a JSON description with a JSON Schema of the config', async () => {
    const { describeNodeType } = await import('../src/index');
    const d = describeNodeType(greet, 'pkg');
    expect(d).toMatchObject({ id: 'greet', package: 'pkg', category: 'action', version: 2, icon: 'hand', ports: [{ id: 'out', label: { vi: 'Tiếp', en: 'Next' } }], dynamicPorts: false });
    expect(d.configJsonSchema).toMatchObject({ type: 'object', required: ['name'] });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(describeNodeType(split, 'pkg').ports.map((p) => p.id)).toEqual(['p0', 'p1']);
  });
});
