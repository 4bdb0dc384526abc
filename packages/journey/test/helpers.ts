import { builtinRegistry } from '@braid/nodes';
import type { JourneyIR } from '@braid/sdk';
import { compile } from '../src/index';
import type { JourneyGraph } from '../src/index';

export const registry = builtinRegistry;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function compiled(graph: JourneyGraph, timeScale = 1): JourneyIR {
  const r = compile(graph, registry, { journeyId: 'j', version: 1, timeScale });
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
  return r.ir;
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
