// The workflow bundle builds: a Node built-in or a server package imported from workflow code
// fails here (and in CI) instead of at worker start.
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from '../src/worker/index';

describe('workflow bundle', () => {
  it('bundles the interpreter workflow without Node built-ins', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
    expect(bundle.code).toContain('journeyWorkflow');
    expect(bundle.code.length).toBeGreaterThan(1000);
  });
});

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
