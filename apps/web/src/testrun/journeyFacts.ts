// What the test run form offers, read from the journey on the canvas: the entry event, the
// events the journey waits for or counts, its message steps and the segments it checks.
import { useCanvas } from '../canvas/store';
import { stepName } from '../canvas/stepName';

type Config = { event?: unknown; match?: { event?: unknown }; segmentId?: unknown };
const configOf = (c: unknown): Config => (typeof c === 'object' && c !== null ? (c as Config) : {});

/** The trigger's event, or null when the journey does not start from an event. */
export function entryEventName(): string | null {
  const t = useCanvas.getState().nodes.find((n) => n.data.typeId === 'trigger-event');
  const e = configOf(t?.data.config).event;
  return typeof e === 'string' && e ? e : null;
}

export function waitedForEvents(): string[] {
  const names = new Set<string>();
  for (const n of useCanvas.getState().nodes) {
    if (n.data.typeId === 'trigger-event') continue;
    const c = configOf(n.data.config);
    if (typeof c.event === 'string' && c.event) names.add(c.event);
    if (typeof c.match?.event === 'string' && c.match.event) names.add(c.match.event);
  }
  return [...names];
}

export function messageSteps(): { id: string; name: string }[] {
  return useCanvas.getState().nodes.filter((n) => n.data.typeId === 'send-message').map((n) => ({ id: n.id, name: stepName(n.id) }));
}

export function checkedSegments(): string[] {
  const ids = new Set<string>();
  for (const n of useCanvas.getState().nodes) {
    const s = configOf(n.data.config).segmentId;
    if (n.data.typeId === 'condition-segment' && typeof s === 'string' && s) ids.add(s);
  }
  return [...ids];
}
