// Templates open top-down: every path goes down the screen, and a step's paths leave side by
// side in the order of its ports ("Có" left of "Không"), without cards overlapping.
import { builtinRegistry } from '@braid/nodes';
import { beforeAll, describe, expect, it } from 'vitest';
import { setRegistry } from '../catalog/registry';
import { journeyTemplates } from '../catalog/templates';
import { cardSize } from './graph';
import { layOutGraph } from './layout';

beforeAll(() => setRegistry(builtinRegistry));

describe('elk layout of a template', () => {
  it('lays Hoa Ban Food out top-down with branches side by side and no overlaps', async () => {
    const template = journeyTemplates('vi').find((t) => t.id === 'hoa-ban-food')!;
    const graph = await layOutGraph(template.graph);
    const at = new Map(graph.nodes.map((n) => [n.id, n]));
    // Every path goes down, except the one closing the referral loop (back to waiting for the next friend).
    for (const e of graph.edges) {
      if (e.source === 'reward-email' && e.target === 'referral-wait') continue;
      expect(at.get(e.target)!.position.y, `${e.source} → ${e.target}`).toBeGreaterThan(at.get(e.source)!.position.y);
    }
    expect(at.get('referral-wait')!.position.y).toBeLessThan(at.get('reward-email')!.position.y);
    expect(at.get('ads-99k-add')!.position.x).not.toBe(at.get('wait-week')!.position.x);
    expect(at.get('showroom-sms')!.position.x).toBeLessThan(at.get('exit-not-local')!.position.x);
    const boxes = graph.nodes.map((n) => ({ id: n.id, ...n.position, ...cardSize(n.type, n.config) }));
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const apart = a.x + a.initialWidth <= b.x || b.x + b.initialWidth <= a.x || a.y + a.initialHeight <= b.y || b.y + b.initialHeight <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    // Step names survive the layout.
    expect(at.get('opened-email')!.label).toBe('Đã mở email?');
  });
});

describe('elk layout order', () => {
  it('puts the trigger’s path left of the goal’s after-converting path', async () => {
    const template = journeyTemplates('vi').find((t) => t.id === 'hoa-ban-food')!;
    const graph = await layOutGraph(template.graph);
    const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
    expect(at.get('cart-added')!.x).toBeLessThan(at.get('goal')!.x);
  });
});
