import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../api/types';
import { diffGraphs } from './diff';

const node = (id: string, config: unknown = {}) => ({ id, type: 'wait-delay', typeVersion: 1, config, position: { x: 0, y: 0 } });

describe('diffGraphs', () => {
  it('marks added, removed and changed steps and keeps removed ones visible', () => {
    const from: JourneyGraph = { nodes: [node('a'), node('b', { d: 1 }), node('gone')], edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b' }, { id: 'e2', source: 'b', sourcePort: 'out', target: 'gone' }] };
    const to: JourneyGraph = { nodes: [node('a'), node('b', { d: 2 }), node('new')], edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b' }, { id: 'e3', source: 'b', sourcePort: 'out', target: 'new' }] };
    const d = diffGraphs(from, to);
    expect(d.status).toEqual({ b: 'changed', new: 'added', gone: 'removed' });
    expect(d.graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'new', 'gone']);
    expect(d.graph.edges.some((e) => e.target === 'gone')).toBe(true);
  });

  it('counts a rewired port as a change of the step it leaves from', () => {
    const g = (target: string): JourneyGraph => ({ nodes: [node('a'), node('b'), node('c')], edges: [{ id: 'e', source: 'a', sourcePort: 'out', target }] });
    expect(diffGraphs(g('b'), g('c')).status).toEqual({ a: 'changed' });
  });
});
