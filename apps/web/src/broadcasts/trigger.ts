// Which journeys can be sent to a segment: those started by hand or by a segment (an
// event-triggered journey waits for its event). A segment trigger names its own segment.
import type { JourneyGraph } from '../api/types';

export type BroadcastTarget = { kind: 'manual' } | { kind: 'segment'; segmentId: string };

export function broadcastTarget(graph: JourneyGraph | null | undefined): BroadcastTarget | null {
  const trigger = graph?.nodes.find((n) => n.type === 'trigger-manual' || n.type === 'trigger-segment');
  if (!trigger) return null;
  if (trigger.type === 'trigger-manual') return { kind: 'manual' };
  const segmentId = (trigger.config as { segmentId?: unknown } | null)?.segmentId;
  return typeof segmentId === 'string' && segmentId ? { kind: 'segment', segmentId } : null;
}
