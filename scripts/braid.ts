// Starts and supervises Braid's processes: the embedded Temporal dev server (unless
// TEMPORAL_ADDRESS points at a cluster), the API (which also serves the web app) and a worker.
// Ctrl-C stops them in reverse order; a second start reuses ./data.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot, startDevServer, type DevServer } from '../temporal/src/server';

const root = projectRoot();
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const children: { name: string; proc: ChildProcess }[] = [];
let temporal: DevServer | null = null;
let stopping = false;

function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  proc.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`braid: ${name} stopped (${code ?? signal}); shutting down`);
    void stop(1);
  });
  children.push({ name, proc });
  return proc;
}

async function stop(exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('braid: stopping…');
  for (const { proc } of [...children].reverse()) {
    if (proc.exitCode !== null) continue;
    await new Promise<void>((done) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => (clearTimeout(force), done()));
      proc.kill('SIGTERM');
    });
  }
  await temporal?.stop();
  process.exit(exitCode);
}

async function main() {
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  let address = process.env.TEMPORAL_ADDRESS;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (!address) {
    temporal = await startDevServer({
      dataDir: join(root, 'data'),
      port: Number(process.env.TEMPORAL_PORT ?? 7233),
      uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
      namespace,
    });
    address = temporal.address;
    console.log(`braid: Temporal dev server on ${address} (UI ${temporal.uiUrl}, data ${temporal.dbFile})`);
  }
  const env = {
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: namespace,
    PORT: String(port),
    BRAID_WEB_DIST: dev ? '' : join(root, 'apps', 'web', 'dist'),
  };
  launch('worker', 'temporal/src/worker/main.ts', env);
  launch('api', 'apps/api/src/main.ts', env);
  if (dev) {
    const vite = spawn('npm', ['run', 'dev', '-w', '@braid/web'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    children.push({ name: 'web (vite)', proc: vite });
  }
  console.log(`braid: http://127.0.0.1:${port}  (Ctrl-C to stop)`);
}

main().catch((error) => {
  console.error(`braid: ${(error as Error).message}`);
  void stop(1);
});
