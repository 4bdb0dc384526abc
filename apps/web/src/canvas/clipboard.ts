// Copy/paste of journey fragments as JSON text, so a fragment can travel between journeys,
// tabs and even a text editor; pasted text is checked before it touches the canvas.
import { z } from 'zod';
import type { JourneyGraph } from '../api/types';
import { nodeType } from '../catalog/registry';

const MIME = 'application/x-braid-graph';
export const CLIPBOARD_MIME = MIME;

const fragmentSchema = z.object({
  braid: z.literal('graph').optional(),
  nodes: z.array(
    z.object({
      id: z.string().min(1),
      type: z.string().min(1),
      typeVersion: z.number().int().positive().default(1),
      config: z.unknown().default({}),
      position: z.object({ x: z.number(), y: z.number() }),
    }),
  ),
  edges: z.array(z.object({ id: z.string().optional(), source: z.string(), sourcePort: z.string(), target: z.string() })).default([]),
});

export function serializeFragment(graph: JourneyGraph): string {
  return JSON.stringify({ braid: 'graph', ...graph }, null, 2);
}

/** `{ok:false, message}` names what is wrong in the pasted text. */
export function parseFragment(text: string): { ok: true; graph: JourneyGraph } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON (${(e as Error).message})` };
  }
  const r = fragmentSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, message: first ? `${first.path.join('.') || 'root'}: ${first.message}` : 'invalid' };
  }
  const unknownType = r.data.nodes.find((n) => !nodeType(n.type));
  if (unknownType) return { ok: false, message: `nodes: unknown step type "${unknownType.type}"` };
  return {
    ok: true,
    graph: {
      nodes: r.data.nodes.map((n) => ({ ...n, config: n.config ?? {} })),
      edges: r.data.edges.map((e, i) => ({ ...e, id: e.id ?? `p${i}` })),
    },
  };
}

/** Plain text that does not look like a graph at all (someone pasting a word) is ignored. */
export function looksLikeGraph(text: string): boolean {
  const t = text.trim();
  return t.startsWith('{') && (t.includes('"nodes"') || t.includes('braid'));
}
