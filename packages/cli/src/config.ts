// Where `braid` finds Braid and its admin token: a flag, else BRAID_URL / BRAID_TOKEN, else what
// `braid login` saved in the user's config folder (XDG_CONFIG_HOME on Linux, Application Support
// on macOS, %APPDATA% on Windows). The file is readable by its owner only: it holds a token.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

export interface SavedLogin {
  url: string;
  token: string;
}

export interface Connection {
  url: string;
  token: string | null;
}

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRAID_CONFIG) return env.BRAID_CONFIG;
  return join(envPaths('braid', { suffix: '' }).config, 'config.json');
}

export async function readLogin(file = configFile()): Promise<SavedLogin | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const saved = JSON.parse(text) as Partial<SavedLogin>;
    return typeof saved.url === 'string' && typeof saved.token === 'string' ? { url: saved.url, token: saved.token } : null;
  } catch {
    throw new Error(`${file} is not valid JSON: run \`braid login\` again`);
  }
}

export async function saveLogin(login: SavedLogin, file = configFile()): Promise<string> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** Flags win over the environment, the environment over the saved login. */
export async function connection(flags: { url?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const saved = flags.url && flags.token ? null : await readLogin(configFile(env));
  const url = flags.url ?? env.BRAID_URL ?? saved?.url ?? DEFAULT_URL;
  const token = flags.token ?? env.BRAID_TOKEN ?? saved?.token ?? null;
  return { url: url.replace(/\/+$/, ''), token };
}
