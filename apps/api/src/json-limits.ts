// What every JSON body must satisfy before it is validated or stored, at /v1 and /api alike:
// - nesting depth: SQLite's JSON functions refuse documents nested past 1000 levels (a stored
//   one then breaks every later json_patch on that row), and recursive code (JSON.stringify,
//   zod) overflows the stack on the 10,000+ levels a 500 KB body can hold. The walk below
//   recurses at most `maxDepth` frames, so it cannot overflow itself;
// - well-formed Unicode: SQLite stores a lone UTF-16 surrogate as U+FFFD, so an id containing
//   one is stored under one spelling and looked up under another.
import type { ErrorDetail } from './errors';

/** Objects and arrays nested in one event or admin body, the outermost counting as 1. */
export const MAX_JSON_DEPTH = 64;

type Path = Array<string | number>;

interface WellFormed {
  isWellFormed(): boolean;
}
/** Node ≥ 20 has String.prototype.isWellFormed (ES2024); the project's lib is ES2023. */
const wellFormed = (s: string) => (s as unknown as WellFormed).isWellFormed();

/** A dotted field path, each part cut to a readable length (keys can be kilobytes long). */
function fieldOf(path: Path): string {
  return path.map((p) => (typeof p === 'string' && p.length > 40 ? `${p.slice(0, 40)}…` : String(p))).join('.');
}

/**
 * Whether `value` passes, without tracking where: every ingested event goes through this, and
 * keeping a path costs as much again. Only a failing value is walked a second time, by name.
 */
function passes(v: unknown, level: number, maxDepth: number): boolean {
  if (typeof v === 'string') return wellFormed(v);
  if (typeof v !== 'object' || v === null) return true;
  if (level > maxDepth) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!passes(v[i], level + 1, maxDepth)) return false;
    return true;
  }
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    if (!wellFormed(key) || !passes((v as Record<string, unknown>)[key], level + 1, maxDepth)) return false;
  }
  return true;
}

/**
 * The first reason `value` may not be accepted, naming the field, or null. `prefix` is where
 * `value` sits in the request (e.g. `['batch', 3]`); `value` itself is the first level.
 */
export function jsonProblem(value: unknown, prefix: Path = [], maxDepth = MAX_JSON_DEPTH): ErrorDetail | null {
  if (passes(value, 1, maxDepth)) return null;
  const path: Path = [...prefix];
  const base = prefix.length;

  function walk(v: unknown, level: number): ErrorDetail | null {
    if (typeof v === 'string') {
      return wellFormed(v) ? null : { field: fieldOf(path), message: 'contains a lone UTF-16 surrogate (not valid Unicode)' };
    }
    if (typeof v !== 'object' || v === null) return null;
    if (level > maxDepth) {
      // Named by the top-level field, with where it went too deep in the message.
      return {
        field: fieldOf(path.slice(0, base + 1)),
        message: `nests more than ${maxDepth} levels of objects and arrays (at ${fieldOf(path.slice(base, base + 8))}${path.length > base + 8 ? '…' : ''})`,
      };
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const problem = walk(v[i], level + 1);
        path.pop();
        if (problem) return problem;
      }
      return null;
    }
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      path.push(key);
      const problem = wellFormed(key)
        ? walk((v as Record<string, unknown>)[key], level + 1)
        : { field: fieldOf(path), message: 'key contains a lone UTF-16 surrogate (not valid Unicode)' };
      path.pop();
      if (problem) return problem;
    }
    return null;
  }

  return walk(value, 1);
}
