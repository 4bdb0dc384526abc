import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '@braid/nodes';
import { setRegistry } from '../catalog/registry';
import { looksLikeGraph, parseFragment, serializeFragment } from './clipboard';

// In the app the catalogue comes from the server; here the built-ins stand in for it.
beforeAll(() => setRegistry(builtinRegistry));

describe('pasting journey fragments', () => {
  it('round-trips a copied fragment', () => {
    const graph = { nodes: [{ id: 'x', type: 'exit', typeVersion: 1, config: { reason: '' }, position: { x: 1, y: 2 } }], edges: [] };
    const parsed = parseFragment(serializeFragment(graph));
    expect(parsed).toEqual({ ok: true, graph });
  });

  it('says what is wrong with a malformed graph', () => {
    expect(parseFragment('{"nodes": [{"id": "x", "type": "exit", "position": {"x": 0}}]}')).toEqual({ ok: false, message: expect.stringContaining('nodes.0.position.y') });
    expect(parseFragment('{"nodes": [{"id": "x", "type": "no-such-step", "position": {"x": 0, "y": 0}}]}')).toEqual({ ok: false, message: expect.stringContaining('no-such-step') });
    expect(parseFragment('{nodes')).toEqual({ ok: false, message: expect.stringContaining('not JSON') });
  });

  it('ignores ordinary text', () => {
    expect(looksLikeGraph('Giỏ hàng của bạn')).toBe(false);
    expect(looksLikeGraph('{"braid":"graph","nodes":[]}')).toBe(true);
  });
});
