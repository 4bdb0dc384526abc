// Determinism guard: histories recorded from real runs (RECORD_HISTORIES=1 npx vitest run
// test/journeys.test.ts) must replay against today's workflow code without a
// non-determinism error. A change that breaks this needs `patched()` or a new workflow type.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../src/worker/index';
import { quietLogger } from './harness';

const dir = fileURLToPath(new URL('./fixtures/histories/', import.meta.url));

describe('replay', () => {
  it('replays every recorded journey history deterministically', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.history.bin'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
    const histories = files.map((f) => ({ workflowId: f, history: temporal.api.history.v1.History.decode(readFileSync(join(dir, f))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
