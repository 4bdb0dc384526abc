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

  it('starts of runtime 1 take every earlier change without a patch marker or a search attribute upsert', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('runtime-1-') && f.endsWith('.history.bin'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const EventType = temporal.api.enums.v1.EventType;
    for (const f of files) {
      const { events } = temporal.api.history.v1.History.decode(readFileSync(join(dir, f)));
      const markers = events.flatMap((e) => (e.markerRecordedEventAttributes ? [e.markerRecordedEventAttributes.markerName] : []));
      expect(markers, f).not.toContain('core_patch');
      expect(events.some((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES), f).toBe(false);
    }
  });
});
