// Journey files on disk: `<key>.journey.json` by default, pretty-printed with a `$schema` so
// editors check and complete them.
import { readFile, writeFile } from 'node:fs/promises';
import type { JourneyFileBody } from './types';

export const defaultFileName = (key: string) => `${key}.journey.json`;

export async function readJourneyFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: a journey file is a JSON object with key, name, description and graph`);
  return parsed as Record<string, unknown>;
}

export async function writeJourneyFile(path: string, file: JourneyFileBody): Promise<void> {
  await writeFile(path, serialise(file));
}

export const serialise = (file: JourneyFileBody) => `${JSON.stringify(file, null, 2)}\n`;

/** The key a command argument names: a key itself, or the key inside a journey file. */
export async function keyOf(ref: string): Promise<string> {
  if (!ref.endsWith('.json')) return ref;
  const file = await readJourneyFile(ref);
  if (typeof file.key !== 'string' || file.key === '') throw new Error(`${ref}: the file has no "key"`);
  return file.key;
}
