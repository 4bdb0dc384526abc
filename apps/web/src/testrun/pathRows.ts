// The test run's path as the marketer reads it: one row per step entered (or goal reached, or
// journey left), carrying why the customer went on from it ("took the “No” path") when the
// step said so on leaving.
import type { PathEntry } from '@braid/journey';

export type PathRow = PathEntry & { leftReason: string | null };

export function pathRows(path: readonly PathEntry[]): PathRow[] {
  const rows: PathRow[] = [];
  for (const p of path) {
    if (p.what === 'entered' || p.what === 'converted' || p.what === 'exited') {
      rows.push({ ...p, leftReason: null });
      continue;
    }
    // A step leaves after it was entered: the reason belongs to the latest row of that step.
    if (p.what !== 'left') continue;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.stepId === p.stepId && row.what === 'entered') {
        row.leftReason ??= p.reason;
        break;
      }
    }
  }
  return rows;
}
