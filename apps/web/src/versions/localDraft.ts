// Unsaved edits live in localStorage until the server accepts them, so a reload, a crash or a
// lost connection never loses a marketer's work.
import type { JourneyGraph } from '../api/types';

export type LocalDraft = { graph: JourneyGraph; baseRevision: number; savedAt: number };

const key = (journeyId: string) => `braid.draft.${journeyId}`;

export function readLocalDraft(journeyId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(journeyId));
    if (!raw) return null;
    const v = JSON.parse(raw) as LocalDraft;
    return v && Array.isArray(v.graph?.nodes) && Array.isArray(v.graph?.edges) ? v : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(journeyId: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(journeyId), JSON.stringify(draft));
  } catch {
    // Quota exceeded: the server copy still exists; nothing else to do.
  }
}

export function clearLocalDraft(journeyId: string): void {
  localStorage.removeItem(key(journeyId));
}

export function sameGraph(a: JourneyGraph, b: JourneyGraph): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
