// The node type passes the check Braid runs when it loads the package, refuses a bad config in
// both languages, compiles to a step Braid can run, and its implementation writes the trait.
import { checkNodeType, createRegistry, type Json } from '@braid/sdk';
import { createImplementationRegistry, runAction, type ActionServices } from '@braid/sdk/server';
import { describe, expect, it } from 'vitest';
import { nodeTypes, __NODE_TYPE_CONST__ } from '../src/index.js';
import { implementations } from '../src/server.js';

describe('__NODE_TYPE_ID__', () => {
  it('passes the load-time check Braid runs on every node package', () => {
    for (const type of nodeTypes) expect(checkNodeType(type), type.id).toEqual([]);
    expect(createRegistry(nodeTypes).get('__NODE_TYPE_ID__')).toBeDefined();
  });

  it('refuses a config without a value, in Vietnamese and English', () => {
    const parsed = __NODE_TYPE_CONST__.parseConfig({ trait: 'vip', value: '' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]).toMatchObject({ path: 'value', message: { vi: 'Hãy nhập giá trị', en: 'Enter a value' } });
  });

  it('summarises and compiles the step', () => {
    const parsed = __NODE_TYPE_CONST__.parseConfig({ trait: 'vip', value: 'gold' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(__NODE_TYPE_CONST__.summary(parsed.config)).toEqual({ vi: 'Gắn vip = gold', en: 'Set vip = gold' });
    const context = { nodeId: 'tag', journeyId: 'j1', version: 1, next: (port: string) => `after-${port}`, stepId: (s: string) => `tag.${s}`, stepOf: (id: string) => id, ms: (ms: number) => ms };
    expect(__NODE_TYPE_CONST__.compile(parsed.config, context).steps).toEqual([
      { type: 'action', id: 'tag', kind: '__NODE_TYPE_ID__', config: { trait: 'vip', value: 'gold' }, next: 'after-out', onFailure: { kind: 'continue' } },
    ]);
  });

  it('writes the rendered trait once per step visit', async () => {
    const updates: { set: Record<string, Json>; idempotencyKey: string }[] = [];
    const services = {
      renderTemplate: async (template: string, variables: Record<string, Json>) => template.replace('{{ entry.properties.plan }}', String((variables.entry as { properties: { plan: string } }).properties.plan)),
      updateProfile: async (input: { set: Record<string, Json>; idempotencyKey: string }) => void updates.push(input),
      log: () => undefined,
    } as unknown as ActionServices;
    const output = await runAction(createImplementationRegistry(implementations), '__NODE_TYPE_ID__', {
      config: { trait: 'plan', value: '{{ entry.properties.plan }}' },
      workspaceId: 'ws',
      customer: { id: 'c1', traits: {} },
      entryEvent: { id: 'e1', name: 'Subscribed', properties: { plan: 'gold' }, timestamp: '2026-01-01T00:00:00.000Z' },
      journeyId: 'j1',
      version: 1,
      nodeId: 'tag',
      visit: 1,
      idempotencyKey: 'k1',
      variables: {},
      now: '2026-01-01T00:00:00.000Z',
      services,
    });
    expect(output).toEqual({ trait: 'plan', value: 'gold' });
    expect(updates).toEqual([{ set: { plan: 'gold' }, unset: [], idempotencyKey: 'k1' }]);
  });
});
