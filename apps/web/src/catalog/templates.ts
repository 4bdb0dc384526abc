import type { JourneyGraph } from '../api/types';

export type JourneyTemplate = { id: string; name: string; description: string; graph: JourneyGraph };

let templates: JourneyTemplate[] = [];

/** Templates ship with the journey core as fixtures; the list is filled at start-up. */
export function journeyTemplates(): JourneyTemplate[] {
  return templates;
}

export function setJourneyTemplates(next: JourneyTemplate[]): void {
  templates = next;
}
