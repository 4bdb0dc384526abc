import type { ScriptedEvent } from '@braid/journey';
import type { Json } from '@braid/sdk';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A test customer's script, one event per line: `+2h Order Completed {"cart_id":"c1"}`.
 * Returns the events, or the first line that cannot be read and why.
 */
export function parseTimeline(text: string): { ok: true; events: ScriptedEvent[] } | { ok: false; line: number; reason: 'shape' | 'properties'; message: string } {
  const events: ScriptedEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^\+(\d+(?:\.\d+)?)(s|min|m|h|d)\s+([^{]+?)\s*(\{.*\})?$/.exec(line);
    if (!m) return { ok: false, line: i + 1, reason: 'shape', message: 'expected "+<number><s|m|h|d> Event Name {json}"' };
    let properties: Record<string, Json> = {};
    if (m[4]) {
      try {
        properties = JSON.parse(m[4]) as Record<string, Json>;
      } catch (e) {
        return { ok: false, line: i + 1, reason: 'properties', message: (e as Error).message };
      }
    }
    events.push({ after: Number(m[1]) * (UNIT_MS[m[2] ?? 'm'] ?? 60_000), name: (m[3] ?? '').trim(), properties });
  }
  return { ok: true, events };
}
