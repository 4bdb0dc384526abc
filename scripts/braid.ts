// Starts and supervises Braid's processes: the embedded Temporal dev server (unless
// TEMPORAL_ADDRESS points at a cluster), the worker and the API (which also serves the web app).
// Every local file lives in BRAID_DATA_DIR (default ./data). "ready" is printed once all three
// are; any of them dying stops the rest with a non-zero exit (see supervisor.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertPortFree,
  connectTemporal,
  dataDirFromEnv,
  openDatabase,
  projectRoot,
  startDevServer,
} from '../temporal/src/server';
import { lockDataDir } from './instance-lock';
import { Supervisor } from './supervisor';

/** Bundling the workflow code dominates; on two busy cores it can take a minute. */
const READY_TIMEOUT_MS = 180_000;

const root = projectRoot();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = dataDirFromEnv();
let lock: { release(): void } | null = null;
const supervisor = new Supervisor(() => lock?.release());

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void supervisor.stop(0, 'braid: stopping…'));
  // Started by scripts/start.mjs with an IPC channel: if that process is killed, do not run on unsupervised.
  if (process.send) process.once('disconnect', () => void supervisor.stop(1, 'braid: npm start went away; stopping everything'));

  mkdirSync(dataDir, { recursive: true });
  lock = lockDataDir(dataDir);
  // The cheap checks first: a wrong setting is one line, before anything has started.
  if (port !== 0) await assertPortFree(port, host, 'PORT');
  (await openDatabase()).close();

  let address = process.env.TEMPORAL_ADDRESS;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (address) {
    await (await connectTemporal()).client.connection.close();
  } else {
    const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
    const temporal = await startDevServer({
      dataDir,
      port: temporalPort,
      uiPort: Number(process.env.TEMPORAL_UI_PORT ?? temporalPort + 1000),
      namespace,
      portNames: { port: 'TEMPORAL_PORT', uiPort: 'TEMPORAL_UI_PORT' },
    });
    supervisor.watchTemporal(temporal);
    if (temporal.stoppedOrphan) console.log(`braid: stopped Temporal dev server pid ${temporal.stoppedOrphan}, left running by a killed launcher`);
    address = temporal.address;
    console.log(`braid: Temporal dev server on ${address} (UI ${temporal.uiUrl}, data ${temporal.dbFile})`);
  }

  const env = {
    ...process.env,
    BRAID_DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: namespace,
    PORT: String(port),
    BRAID_WEB_DIST: dev ? '' : join(root, 'apps', 'web', 'dist'),
  };
  // The fourth stdio slot is the IPC channel: readiness in, the launcher's death out.
  const node = (name: string, script: string) =>
    supervisor.spawn(name, process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] }, true);
  node('worker', 'temporal/src/worker/main.ts');
  node('api', 'apps/api/src/main.ts');
  if (dev) supervisor.spawn('web (vite)', 'npm', ['run', 'dev', '-w', '@braid/web'], { cwd: root, env, stdio: 'inherit' }, false);

  await supervisor.allReady(READY_TIMEOUT_MS);
  console.log(`braid: ready on http://${host}:${port} (Temporal ${address}, data ${dataDir}); Ctrl-C to stop`);
}

main().catch((error: unknown) => {
  // Startup errors name the setting at fault in their message: no stack trace.
  void supervisor.stop(1, `braid: ${error instanceof Error ? error.message : String(error)}`);
});
