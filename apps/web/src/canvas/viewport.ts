// Where the canvas looks when a journey opens: the whole journey when it fits at a zoom where
// cards can be read, otherwise the first screenful (the trigger at the top) at that zoom.
import type { Viewport } from '@xyflow/react';

export type Box = { x: number; y: number; width: number; height: number };

/** Below this zoom a card's 13 px name falls under ~10 px: too small to read. */
export const READABLE_ZOOM = 0.8;
const PAD = 32;

export function openingViewport(cards: readonly Box[], first: Box | undefined, screen: { width: number; height: number }): Viewport {
  if (cards.length === 0 || screen.width <= 0 || screen.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const minX = Math.min(...cards.map((c) => c.x));
  const minY = Math.min(...cards.map((c) => c.y));
  const maxX = Math.max(...cards.map((c) => c.x + c.width));
  const maxY = Math.max(...cards.map((c) => c.y + c.height));
  const w = maxX - minX;
  const h = maxY - minY;
  const fit = Math.min((screen.width - 2 * PAD) / w, (screen.height - 2 * PAD) / h);
  if (fit >= READABLE_ZOOM) {
    const zoom = Math.min(1, fit);
    return { zoom, x: (screen.width - w * zoom) / 2 - minX * zoom, y: PAD - minY * zoom };
  }
  const zoom = READABLE_ZOOM;
  // Wide journeys: centre on the first step (the trigger) unless the whole width fits.
  const centreX = w * zoom <= screen.width - 2 * PAD ? minX + w / 2 : first ? first.x + first.width / 2 : minX + w / 2;
  const topY = first && w * zoom > screen.width - 2 * PAD ? Math.min(first.y, minY) : minY;
  return { zoom, x: screen.width / 2 - centreX * zoom, y: PAD - topY * zoom };
}
