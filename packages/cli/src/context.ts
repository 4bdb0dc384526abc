// What every command gets: output, and the API reached with the global --url / --token (or
// the environment, or the saved login).
import type { Command } from 'commander';
import { apiClient, type ApiClient } from './api';
import { connection, type Connection } from './config';
import type { Io } from './output';
import type { JourneySummary, JourneyFileBody } from './types';

export interface Context {
  io: Io;
  env: NodeJS.ProcessEnv;
  connection(cmd: Command): Promise<Connection>;
  api(cmd: Command): Promise<ApiClient>;
}

export function createContext(io: Io, env: NodeJS.ProcessEnv, fetchImpl: typeof fetch = fetch): Context {
  const conn = (cmd: Command) => connection(cmd.optsWithGlobals<{ url?: string; token?: string }>(), env);
  return { io, env, connection: conn, api: async (cmd) => apiClient(await conn(cmd), fetchImpl) };
}

/** The journey a key names, with its file (draft) and summary. */
export async function journeyByKey(api: ApiClient, key: string): Promise<{ file: JourneyFileBody; journey: JourneySummary }> {
  return (await api<{ file: JourneyFileBody; journey: JourneySummary }>('GET', `/api/journey-files/${encodeURIComponent(key)}`)).body;
}
