import { describe, expect, it } from 'vitest';
import type { PathEntry } from '@braid/journey';
import { pathRows } from './pathRows';

const e = (stepId: string, what: PathEntry['what'], reason: string, elapsedMs = 0): PathEntry => ({ at: '2026-01-05T03:00:00.000Z', elapsedMs, nodeId: stepId, stepId, what, reason });

describe('the test run path', () => {
  it('keeps one row per step entered, with the reason it left by', () => {
    const rows = pathRows([
      e('check', 'entered', 'branch'),
      e('check', 'action', 'engagement: ok'),
      e('check', 'left', 'opened cart-email? → no (no)'),
      e('ad', 'entered', 'action'),
      e('ad', 'left', 'done'),
      e('end', 'entered', 'end'),
      e('end', 'exited', 'Did not come back'),
    ]);
    expect(rows.map((r) => [r.stepId, r.what, r.leftReason])).toEqual([
      ['check', 'entered', 'opened cart-email? → no (no)'],
      ['ad', 'entered', 'done'],
      ['end', 'entered', null],
      ['end', 'exited', null],
    ]);
  });
});
