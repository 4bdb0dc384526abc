// Where the canvas looks when a journey opens: the whole journey when it fits at a zoom where
// cards can be read, otherwise the first screenful of the trigger's path at that zoom: its top,
// the trigger in view, as much of its width as the screen holds from the left.
import type { Viewport } from '@xyflow/react';

export type Box = { x: number; y: number; width: number; height: number };

/** Below this zoom a card's 13 px name falls under ~10 px: too small to read. */
export const READABLE_ZOOM = 0.8;
const PAD = 32;

function bounds(cards: readonly Box[]) {
  const minX = Math.min(...cards.map((c) => c.x));
  const minY = Math.min(...cards.map((c) => c.y));
  const maxX = Math.max(...cards.map((c) => c.x + c.width));
  const maxY = Math.max(...cards.map((c) => c.y + c.height));
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** `path` are the cards of the trigger's path (all cards when unknown), `first` the trigger. */
export function openingViewport(cards: readonly Box[], path: readonly Box[], first: Box | undefined, screen: { width: number; height: number }): Viewport {
  if (cards.length === 0 || screen.width <= 0 || screen.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const all = bounds(cards);
  const fit = Math.min((screen.width - 2 * PAD) / all.width, (screen.height - 2 * PAD) / all.height);
  if (fit >= READABLE_ZOOM) {
    const zoom = Math.min(1, fit);
    return { zoom, x: (screen.width - all.width * zoom) / 2 - all.minX * zoom, y: PAD - all.minY * zoom };
  }
  const zoom = READABLE_ZOOM;
  const part = bounds(path.length ? path : cards);
  const room = (screen.width - 2 * PAD) / zoom;
  let left: number;
  if (part.width <= room) left = part.minX - (room - part.width) / 2;
  else {
    // Wider than the screen: start at its left edge, unless that would leave the trigger out.
    left = part.minX;
    if (first && first.x + first.width > left + room) left = first.x + first.width / 2 - room / 2;
  }
  return { zoom, x: PAD - left * zoom, y: PAD - part.minY * zoom };
}
