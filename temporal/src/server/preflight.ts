// Startup checks shared by the launcher, the API and the worker. A wrong BRAID_DATABASE_URL or
// TEMPORAL_ADDRESS must end the start within seconds, with one line naming the variable and the
// address, before anything says "ready" — not in a driver stack trace half a minute later.
import { connect } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createDb, type BraidDb } from '@braid/db';
import { connectionOptions, temporalConfigFromEnv, type TemporalConfig } from '../connection/config';
import { dataDirFromEnv, databaseUrlFromEnv } from './data-dir';
import { JOURNEY_SEARCH_ATTRIBUTES } from './search-attributes';
import { StartupError } from './startup-error';

type Env = Record<string, string | undefined>;

/** Per check; the API and the worker still fail well within 10 s of being started. */
export const CHECK_TIMEOUT_MS = 4_000;

/** Opens the database and runs one query; StartupError names the setting on failure. */
export async function openDatabase(env: Env = process.env, timeoutMs = CHECK_TIMEOUT_MS): Promise<BraidDb> {
  const url = databaseUrlFromEnv(env);
  const setting = env.BRAID_DATABASE_URL ? `BRAID_DATABASE_URL (${redactUrl(url)})` : `BRAID_DATA_DIR (${dataDirFromEnv(env)})`;
  const authToken = env.BRAID_DATABASE_AUTH_TOKEN;
  let db: BraidDb;
  try {
    db = await withTimeout(createDb(url, authToken ? { authToken } : {}), timeoutMs);
  } catch (error) {
    const invalid = /^URL_/.test((error as { code?: string }).code ?? '');
    throw new StartupError(`${setting}: ${invalid ? 'not a valid database URL' : 'cannot open the database'} (${reason(error)})`);
  }
  try {
    // Remote clients connect lazily: only a query tells whether anyone answers.
    await withTimeout(db.client.execute('SELECT 1'), timeoutMs);
  } catch (error) {
    db.close();
    throw new StartupError(`${setting}: database unreachable (${reason(error)})`);
  }
  return db;
}

/** Connects to Temporal and finds the namespace; StartupError names the setting on failure. */
export async function connectTemporal(env: Env = process.env, timeoutMs = CHECK_TIMEOUT_MS): Promise<{ config: TemporalConfig; client: Client }> {
  let config: TemporalConfig;
  try {
    config = temporalConfigFromEnv(env);
  } catch (error) {
    throw new StartupError(reason(error));
  }
  const setting = `TEMPORAL_ADDRESS (${config.address})`;
  // A plain TCP connect first: a closed port fails in milliseconds, gRPC would retry until its timeout.
  await probeTcp(config.address, timeoutMs).catch((error: unknown) => {
    throw new StartupError(`${setting}: Temporal unreachable (${reason(error)})`);
  });
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: timeoutMs });
  } catch (error) {
    throw new StartupError(`${setting}: Temporal unreachable (${reason(error)})`);
  }
  try {
    await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.describeNamespace({ namespace: config.namespace }));
  } catch (error) {
    await connection.close();
    const missing = (error as { code?: number }).code === 5; // gRPC NOT_FOUND
    throw new StartupError(
      missing
        ? `TEMPORAL_NAMESPACE (${config.namespace}): no such namespace on ${config.address}; create it (temporal operator namespace create --namespace ${config.namespace} --address ${config.address}) or name an existing one`
        : `${setting}: Temporal does not answer (${reason(error)})`,
    );
  }
  try {
    await requireSearchAttributes(connection, config, timeoutMs);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return { config, client: new Client({ connection, namespace: config.namespace }) };
}

/**
 * Journey workflows are started with Braid's search attributes: a namespace without them would
 * refuse every enrollment. A fresh self-hosted namespace gets them here; where that is refused
 * (a full SQL visibility store, Temporal Cloud, an authorizer) the line names the command.
 */
async function requireSearchAttributes(connection: Connection, config: TemporalConfig, timeoutMs: number): Promise<void> {
  const { namespace, address } = config;
  const deadline = () => Date.now() + timeoutMs;
  let existing: Record<string, unknown>;
  try {
    existing = (await connection.withDeadline(deadline(), () => connection.operatorService.listSearchAttributes({ namespace }))).customAttributes ?? {};
  } catch {
    // Some hosted services do not expose the operator API to workers: start, as before this check.
    return;
  }
  const missing = Object.entries(JOURNEY_SEARCH_ATTRIBUTES).filter(([name]) => !(name in existing));
  if (missing.length === 0) return;
  // temporal.api.enums.v1.IndexedValueType: 2 = KEYWORD, 3 = INT.
  const searchAttributes = Object.fromEntries(missing.map(([name, type]) => [name, type === 'Int' ? 3 : 2]));
  try {
    await connection.withDeadline(deadline(), () => connection.operatorService.addSearchAttributes({ namespace, searchAttributes }));
  } catch (error) {
    // Replicas starting together race to add them: the loser finds them there.
    const now = await connection
      .withDeadline(deadline(), () => connection.operatorService.listSearchAttributes({ namespace }))
      .then((r) => r.customAttributes ?? {})
      .catch(() => ({}));
    if (missing.every(([name]) => name in now)) return;
    // One --type per --name: the CLI pairs them in order (a second --name without its own
    // --type is silently dropped).
    const flags = missing.map(([name, type]) => `--name ${name} --type ${type}`).join(' ');
    throw new StartupError(
      `TEMPORAL_NAMESPACE (${namespace}): search attributes ${missing.map(([name]) => name).join(', ')} missing on ${address} and not added (${reason(error)}); add them: temporal operator search-attribute create --namespace ${namespace} --address ${address} ${flags}`,
    );
  }
}

/** Both checks at once (the slower one bounds the wait); closes what opened if the other failed. */
export async function preflight(env: Env = process.env): Promise<{ db: BraidDb; temporal: TemporalConfig; client: Client }> {
  const [db, temporal] = await Promise.allSettled([openDatabase(env), connectTemporal(env)]);
  if (db.status === 'fulfilled' && temporal.status === 'fulfilled') return { db: db.value, temporal: temporal.value.config, client: temporal.value.client };
  if (db.status === 'fulfilled') db.value.close();
  if (temporal.status === 'fulfilled') await temporal.value.client.connection.close();
  throw db.status === 'rejected' ? db.reason : (temporal as PromiseRejectedResult).reason;
}

/** For `main().catch(...)`: a StartupError is one line on stderr and exit 1; anything else is rethrown. */
export function exitOnStartupError(who: string): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof StartupError)) throw error;
    console.error(`${who}: ${error.message}`);
    process.exit(1);
  };
}

/** Hides a password and an authToken query parameter: the line ends up in logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@').replace(/([?&](?:authToken|auth_token)=)[^&]*/gi, '$1***');
}

function probeTcp(address: string, timeoutMs: number): Promise<void> {
  const { host, port } = hostAndPort(address);
  return new Promise((done, fail) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => (socket.destroy(), done()));
    socket.once('timeout', () => (socket.destroy(), fail(new Error(`no connection within ${timeoutMs} ms`))));
    socket.once('error', fail);
  });
}

function hostAndPort(address: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(address) ?? /^([^:]+)(?::(\d+))?$/.exec(address);
  if (!match) throw new StartupError(`TEMPORAL_ADDRESS (${address}): expected host:port`);
  return { host: match[1]!, port: Number(match[2] ?? 7233) };
}

/** The error's own first line plus its cause's (fetch hides ECONNREFUSED there). */
function reason(error: unknown): string {
  const line = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  const cause = error instanceof Error && error.cause ? `: ${line(error.cause)}` : '';
  return `${line(error)}${cause}`.slice(0, 300);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
