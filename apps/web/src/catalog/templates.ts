// Journey templates ship with the journey core as fixtures (SCENARIO.md's reference journeys).
import { journeyTemplates as coreTemplates } from '@braid/journey/fixtures';
import type { JourneyGraph } from '../api/types';

export type JourneyTemplate = { id: string; name: string; description: string; graph: JourneyGraph };

export function journeyTemplates(): readonly JourneyTemplate[] {
  return coreTemplates;
}
