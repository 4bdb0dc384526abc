// The test cluster for the bench (`npm run bench:cluster`, scripts/cluster/bench.sh): PostgreSQL
// and a Temporal server with 8 history shards, Braid's namespace and search attributes, built
// from the same pieces as the cluster test (temporal/test-cluster), then bench/run.ts and
// bench/shapes.ts pointed at it (BENCH_CLUSTER_PARTS=run or =shapes runs one). The bench starts its
// own API and worker, as it does on the dev server, so both runs print the same lines.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { NAMESPACE } from '../test-cluster/cluster';
import { prepareNamespace } from '../test-cluster/namespace';
import { startPostgres } from '../test-cluster/postgres';
import { createSchemas, HISTORY_SHARDS, startTemporalServer } from '../test-cluster/temporal-server';
import { freePort } from '../src/server/free-port';

const { TEMPORAL_SERVER_BIN: server, TEMPORAL_SQL_TOOL: sqlTool, PG_BIN: pgBin } = process.env;
if (!server || !sqlTool || !pgBin) {
  console.error('TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL and PG_BIN are unset: run `npm run bench:cluster`');
  process.exit(1);
}
const dir = process.env.BRAID_CLUSTER_RUN_DIR || mkdtempSync(join(tmpdir(), 'braid-cluster-'));
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o711); // PostgreSQL runs as another user when we are root

const stops: (() => Promise<unknown>)[] = [];
let code = 1;
try {
  const postgres = await startPostgres({ binDir: pgBin, dir: join(dir, 'postgres'), port: await freePort() });
  stops.push(() => postgres.stop());
  await createSchemas({ server, sqlTool }, postgres);
  const temporal = await startTemporalServer({ bins: { server, sqlTool }, db: postgres, dir });
  stops.push(() => temporal.stop());
  const connection = await Connection.connect({ address: temporal.address });
  try {
    await prepareNamespace(connection, temporal.address, NAMESPACE);
  } finally {
    await connection.close();
  }
  // The runtime lines (run.ts), then the shapes against their raw ceilings (shapes.ts), both
  // pointed at the cluster; the server's pid lets the shapes read its CPU per customer.
  const benchEnv = {
    ...process.env,
    BENCH_TEMPORAL_ADDRESS: temporal.address,
    BENCH_TEMPORAL_NAMESPACE: NAMESPACE,
    BENCH_TEMPORAL_LABEL: `test cluster (Temporal server from source, PostgreSQL, ${HISTORY_SHARDS} history shards)`,
    ...(temporal.pid() ? { BENCH_TEMPORAL_PID: String(temporal.pid()) } : {}),
  };
  const runScript = (script: string) =>
    new Promise<number>((resolve) => {
      const bench = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit', env: benchEnv });
      bench.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
  const scripts = (process.env.BENCH_CLUSTER_PARTS ?? 'run,shapes').split(',').map((s) => s.trim()).filter(Boolean);
  code = 0;
  for (const part of scripts) {
    if (part !== 'run' && part !== 'shapes') throw new Error(`BENCH_CLUSTER_PARTS: "${part}" is neither run nor shapes`);
    code = Math.max(code, await runScript(`./${part}.ts`));
  }
} catch (error) {
  console.error(`bench:cluster: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`cluster stop: ${String(error)}`));
}
process.exit(code);
