// A journey as a file: what `braid export` writes and `braid push` reads. The key is the
// journey's stable, workspace-unique name in code, so pushing the same file again updates the
// same journey instead of creating a copy.
import { z } from 'zod';
import { journeyGraphSchema } from './graph';

export const JOURNEY_KEY_MAX = 100;

export const journeyKeySchema = z
  .string()
  .min(1, { error: 'The key is empty' })
  .max(JOURNEY_KEY_MAX, { error: `The key is longer than ${JOURNEY_KEY_MAX} characters` })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lowercase letters, digits and single dashes, e.g. "welcome-series"' })
  .describe('Stable, workspace-unique key of the journey: pushing a file with this key updates that journey');

export const journeyFileSchema = z
  .object({
    $schema: z.string().optional().describe('Address of this JSON Schema, for editors'),
    key: journeyKeySchema,
    name: z.string().trim().min(1, { error: 'The journey needs a name' }).max(200).describe('Name shown to marketers'),
    description: z.string().max(2000).default('').describe('What the journey is for'),
    graph: journeyGraphSchema.describe('The steps and the paths between them, as the canvas saves them'),
  })
  .describe('A Braid journey as a file (`braid export` / `braid push`)');

export type JourneyFile = z.output<typeof journeyFileSchema>;

/**
 * A key from a marketer's name: Vietnamese diacritics dropped ("Chào mừng" → "chao-mung"),
 * anything else non-alphanumeric becomes one dash. Never empty.
 */
export function journeyKeyFromName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, JOURNEY_KEY_MAX - 8)
    .replace(/-+$/g, '');
  return slug || 'journey';
}

/** The published JSON Schemas (draft 2020-12) of the graph and of the journey file. */
export function journeyJsonSchemas(): { graph: Record<string, unknown>; file: Record<string, unknown> } {
  return {
    graph: z.toJSONSchema(journeyGraphSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>,
    file: z.toJSONSchema(journeyFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>,
  };
}
