// A graph read from the API and saved back unchanged must be the same content: otherwise every
// save of a live journey would look like an unpublished change (step names were dropped once).
import { sameJourneyContent } from '@braid/journey';
import { welcomeSeries } from '@braid/journey/fixtures';
import { describe, expect, it } from 'vitest';
import { fromFlow, toFlowEdges, toFlowNodes } from '../canvas/graph';
import { toGraph } from './journeys';

describe('graph round trip through the canvas', () => {
  it('keeps step names, settings and paths', () => {
    const graph = toGraph(JSON.parse(JSON.stringify(welcomeSeries)));
    expect(graph.nodes.find((n) => n.id === 'tips-email')?.label).toBe('Tips email');
    const saved = fromFlow(toFlowNodes(graph), toFlowEdges(graph));
    expect(sameJourneyContent(welcomeSeries, saved)).toBe(true);
  });
});
