import { InvalidArgumentError } from 'commander';

/** A whole number from 1 up, for versions and revisions. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number from 1 up');
  return n;
}

/** A version number or `draft`. */
export function versionRef(value: string): number | 'draft' {
  return value === 'draft' ? 'draft' : positiveInt(value);
}
