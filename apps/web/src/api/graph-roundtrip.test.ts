// A graph read from the API and saved back unchanged must be the same content: otherwise every
// save of a live journey would look like an unpublished change (step names were dropped once).
import { sameJourneyContent } from '@braid/journey';
import { welcomeSeries } from '@braid/journey/fixtures';
import { builtinRegistry } from '@braid/nodes';
import { beforeAll, describe, expect, it } from 'vitest';
import { setRegistry } from '../catalog/registry';
import { journeyTemplates } from '../catalog/templates';
import { useCanvas } from '../canvas/store';
import { fromFlow, toFlowEdges, toFlowNodes } from '../canvas/graph';
import { toGraph } from './journeys';

beforeAll(() => setRegistry(builtinRegistry));

describe('graph round trip through the canvas', () => {
  it('keeps every template step name, in Vietnamese, through load, rename and save', () => {
    for (const template of journeyTemplates('vi')) {
      const graph = toGraph(JSON.parse(JSON.stringify(template.graph)));
      useCanvas.getState().load(graph, 'edit');
      const saved = useCanvas.getState().graph();
      expect(sameJourneyContent(template.graph, saved), template.id).toBe(true);
      expect(saved.nodes.every((n) => n.label && n.label === template.graph.nodes.find((x) => x.id === n.id)?.label), template.id).toBe(true);
    }
    const first = useCanvas.getState().nodes[0]!;
    useCanvas.getState().renameNode(first.id, 'Tên mới');
    expect(useCanvas.getState().graph().nodes.find((n) => n.id === first.id)?.label).toBe('Tên mới');
    useCanvas.getState().renameNode(first.id, '');
    expect(useCanvas.getState().graph().nodes.find((n) => n.id === first.id)).not.toHaveProperty('label');
  });

  it('keeps step names, settings and paths', () => {
    const graph = toGraph(JSON.parse(JSON.stringify(welcomeSeries)));
    expect(graph.nodes.find((n) => n.id === 'tips-email')?.label).toBe('Tips email');
    const saved = fromFlow(toFlowNodes(graph), toFlowEdges(graph));
    expect(sameJourneyContent(welcomeSeries, saved)).toBe(true);
  });
});
