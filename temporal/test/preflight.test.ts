// The startup checks' wording: which setting, which address, no secrets in the line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirFromEnv, databaseUrlFromEnv, openDatabase, redactUrl, StartupError } from '../src/server';

const dir = mkdtempSync(join(tmpdir(), 'braid-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startup checks', () => {
  it('keeps the database inside BRAID_DATA_DIR unless BRAID_DATABASE_URL says otherwise', () => {
    expect(dataDirFromEnv({})).toBe(join(process.cwd(), 'data'));
    expect(databaseUrlFromEnv({ BRAID_DATA_DIR: dir })).toBe(`file:${join(dir, 'braid.db')}`);
    expect(databaseUrlFromEnv({ BRAID_DATA_DIR: dir, BRAID_DATABASE_URL: 'libsql://db.example' })).toBe('libsql://db.example');
  });

  it('hides passwords and auth tokens in the line it prints', () => {
    expect(redactUrl('libsql://user:secret@db.example:8080/x')).toBe('libsql://user:***@db.example:8080/x');
    expect(redactUrl('libsql://db.example?tls=0&authToken=abc.def')).toBe('libsql://db.example?tls=0&authToken=***');
    expect(redactUrl('file:/var/braid/braid.db')).toBe('file:/var/braid/braid.db');
  });

  it('names BRAID_DATA_DIR when the default database file cannot be created there', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const error = await openDatabase({ BRAID_DATA_DIR: join(file, 'data') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/^BRAID_DATA_DIR \(.+a-file\/data\): cannot open the database \(.*ENOTDIR/);
  });

  it('opens a good file database and answers', async () => {
    const db = await openDatabase({ BRAID_DATA_DIR: join(dir, 'good') });
    expect((await db.client.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    db.close();
  });
});
