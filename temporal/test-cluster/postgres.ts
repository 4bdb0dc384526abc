// A throwaway PostgreSQL for the cluster test: a fresh data folder, loopback TCP only on a free
// port, no Unix socket, trust authentication (nothing but this machine's loopback reaches it).
// PostgreSQL refuses to run as root: as root, every command runs as the `postgres` user.
import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Postgres = { port: number; user: string; dataDir: string; stop(): Promise<void> };

/** The uid/gid to run PostgreSQL's commands as: ours, or `postgres`'s when we are root. */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

export async function startPostgres(options: { binDir: string; dir: string; port: number }): Promise<Postgres> {
  const user = 'temporal';
  const owner = await runAs();
  const dataDir = join(options.dir, 'data');
  mkdirSync(options.dir, { recursive: true });
  // The postgres user must reach its folder through ours.
  chmodSync(options.dir, 0o755);
  if (owner) chownSync(options.dir, owner.uid, owner.gid);
  const pg = (tool: string, args: string[], timeout = 120_000) =>
    run(join(options.binDir, tool), args, { timeout, ...(owner ?? {}), cwd: options.dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });

  await pg('initdb', ['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync']);
  appendFileSync(
    dataDir + '/postgresql.conf',
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${options.port}`,
      "unix_socket_directories = ''",
      // Room for every Temporal service's pools (history, matching, frontend, worker) and then some.
      'max_connections = 200',
      // A test database thrown away at the end: durability against power loss buys nothing here
      // and costs the shared disk a sync per Temporal transaction. Never in production.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  await pg('pg_ctl', ['start', '-D', dataDir, '-l', join(options.dir, 'postgres.log'), '-w', '-t', '60']);
  return {
    port: options.port,
    user,
    dataDir,
    async stop() {
      if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
      await pg('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], 60_000).catch(() =>
        pg('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30'], 60_000),
      );
    },
  };
}
