// Where the CLI finds Braid and its token: a flag, else the environment, else the saved login,
// else the local default; the saved login is a file only its owner can read.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFile, connection, DEFAULT_URL, readLogin, saveLogin } from '../src/config';

const dir = mkdtempSync(join(tmpdir(), 'braid-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('connection', () => {
  it('flags over the environment over the saved login over the default', async () => {
    const file = join(dir, 'nested', 'config.json');
    const env = { BRAID_CONFIG: file };
    expect(await connection({}, env)).toEqual({ url: DEFAULT_URL, token: null });
    await saveLogin({ url: 'http://saved:3000/', token: 'bat_saved' }, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await readLogin(file)).toEqual({ url: 'http://saved:3000/', token: 'bat_saved' });
    expect(await connection({}, env)).toEqual({ url: 'http://saved:3000', token: 'bat_saved' });
    expect(await connection({}, { ...env, BRAID_URL: 'http://env:1', BRAID_TOKEN: 'bat_env' })).toEqual({ url: 'http://env:1', token: 'bat_env' });
    expect(await connection({ url: 'http://flag:2', token: 'bat_flag' }, { ...env, BRAID_URL: 'http://env:1', BRAID_TOKEN: 'bat_env' })).toEqual({ url: 'http://flag:2', token: 'bat_flag' });
  });

  it('keeps the login in the user config folder unless BRAID_CONFIG names a file', () => {
    expect(configFile({ BRAID_CONFIG: '/somewhere/braid.json' })).toBe('/somewhere/braid.json');
    expect(configFile({})).toMatch(/braid[/\\]config\.json$/);
  });

  it('a damaged saved login is a message, not a crash', async () => {
    const file = join(dir, 'broken.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{ nope'));
    await expect(readLogin(file)).rejects.toThrow('is not valid JSON: run `braid login` again');
  });
});
