// The workspace's event catalogue (GET /api/event-catalogue) for the form pickers: fetched once
// and shared by every picker on screen, refreshed at most every 30 s (events keep arriving).
import { useEffect, useState } from 'react';
import { request } from '../../api/http';

export type SeenKeyView = { key: string; types: string[]; examples: string[]; lastSeenAt: number };
export type CatalogueEventView = { name: string; firstSeenAt: number; lastSeenAt: number; total: number; properties: SeenKeyView[] };
export type EventCatalogueView = { events: CatalogueEventView[]; traits: Array<SeenKeyView & { firstSeenAt: number }> };

const FRESH_MS = 30_000;
let cached: { at: number; value: Promise<EventCatalogueView> } | null = null;

function load(): Promise<EventCatalogueView> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    const value = request<EventCatalogueView>('GET', '/api/event-catalogue');
    cached = { at: Date.now(), value };
    // A failed read is retried by the next picker, not remembered.
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

/** null while loading or when the catalogue cannot be read (the field stays a plain text box). */
export function useEventCatalogue(): EventCatalogueView | null {
  const [catalogue, setCatalogue] = useState<EventCatalogueView | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (c) => live && setCatalogue(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return catalogue;
}
