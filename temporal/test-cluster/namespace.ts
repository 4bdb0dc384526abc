// What an operator does once per cluster, with the commands docs/deploy.md gives: register
// Braid's namespace and its search attributes with the Temporal CLI, then wait until a workflow
// start carrying them is accepted (frontends learn of both on their namespace-cache refresh).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client, type Connection } from '@temporalio/client';
import { CUSTOMER_ID, JOURNEY_ID, JOURNEY_VERSION } from '../src/client/search-attributes';
import { JOURNEY_SEARCH_ATTRIBUTES } from '../src/server/search-attributes';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI scripts/install-temporal.sh installs (the same one `npm start` uses). */
const cli = () => process.env.TEMPORAL_CLI_PATH || join(root, '.tools/temporal/bin/temporal');

export async function temporalCli(address: string, args: string[]): Promise<string> {
  return (await run(cli(), [...args, '--address', address], { timeout: 60_000 })).stdout;
}

export async function createNamespace(address: string, namespace: string): Promise<void> {
  await temporalCli(address, ['operator', 'namespace', 'create', '--namespace', namespace, '--retention', '72h']);
}

/** One `--type` per `--name`: the CLI pairs them in order and drops a name without its own type. */
export async function createSearchAttributes(address: string, namespace: string, attributes: Record<string, 'Keyword' | 'Int'>): Promise<void> {
  const flags = Object.entries(attributes).flatMap(([name, type]) => ['--name', name, '--type', type]);
  await temporalCli(address, ['operator', 'search-attribute', 'create', '--namespace', namespace, ...flags]);
}

/** Braid's namespace with its search attributes; resolves once a start that carries them is accepted. */
export async function prepareNamespace(connection: Connection, address: string, namespace: string, timeoutMs = 60_000): Promise<void> {
  await createNamespace(address, namespace);
  const client = new Client({ connection, namespace });
  const deadline = Date.now() + timeoutMs;
  let added = false;
  for (;;) {
    try {
      // Until the namespace reaches the frontend's cache, it is "not found" here too.
      if (!added) {
        await createSearchAttributes(address, namespace, JOURNEY_SEARCH_ATTRIBUTES);
        added = true;
      }
      // A start on a task queue nobody polls, terminated at once.
      const handle = await client.workflow.start('probe', {
        taskQueue: `probe-${randomUUID()}`,
        workflowId: `probe-${randomUUID()}`,
        typedSearchAttributes: [
          { key: JOURNEY_ID, value: 'probe' },
          { key: JOURNEY_VERSION, value: 0 },
          { key: CUSTOMER_ID, value: 'probe' },
        ],
      });
      await handle.terminate('namespace probe');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable within ${timeoutMs} ms: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
