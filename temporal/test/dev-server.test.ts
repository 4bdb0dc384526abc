// The embedded Temporal server: starts from the pinned CLI, serves its UI on loopback, and keeps
// workflow executions across a restart (the SQLite file under the data folder persists them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTemporalCli, startDevServer, type DevServer } from '../src/server';

const dataDir = mkdtempSync(join(tmpdir(), 'braid-temporal-'));
let server: DevServer | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded Temporal dev server', () => {
  it('resolves a CLI binary without downloading', () => {
    const cli = resolveTemporalCli({ installIfMissing: true });
    expect(cli?.path).toMatch(/temporal$/);
  });

  it('starts on loopback with the web UI, and keeps executions across a restart', async () => {
    server = await startDevServer({ dataDir, port: 0, uiPort: 0 });
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const ui = await fetch(server.uiUrl!);
    expect(ui.status).toBe(200);

    const workflowId = `persisted-${Date.now()}`;
    {
      const connection = await Connection.connect({ address: server.address });
      const client = new Client({ connection });
      // No worker polls this queue: the execution just waits, which is what we want to persist.
      await client.workflow.start('nobodyRunsThis', { taskQueue: 'nobody', workflowId, args: [] });
      await connection.close();
    }
    const port = Number(server.address.split(':')[1]);
    await server.stop();
    server = await startDevServer({ dataDir, port, ui: false });

    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    const sa = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(sa.customAttributes ?? {})).toEqual(expect.arrayContaining(['JourneyId', 'JourneyVersion', 'CustomerId']));
    await connection.close();
  }, 120_000);
});
