import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, eq, migrate, newId, workspaces, type BraidDb } from '../src/index';

const dirs: string[] = [];
const opened: BraidDb[] = [];
function tempUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'braid-db-'));
  dirs.push(dir);
  return `file:${join(dir, 'nested', 'braid.db')}`;
}
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createDb + migrate', () => {
  it('creates the folder, uses WAL, and migrates idempotently', async () => {
    const url = tempUrl();
    const braid = await createDb(url);
    opened.push(braid);
    await migrate(braid.db);
    await migrate(braid.db);
    const mode = await braid.client.execute('PRAGMA journal_mode');
    expect(String(mode.rows[0]?.[0])).toBe('wal');
    const id = newId();
    await braid.db.insert(workspaces).values({ id, name: 'Hoa Ban Food', createdAt: Date.now() });
    const [ws] = await braid.db.select().from(workspaces).where(eq(workspaces.id, id));
    expect(ws).toMatchObject({ timezone: 'Asia/Ho_Chi_Minh', currency: 'VND' });

    // A second process-like open of the same file sees the data and migrates to a no-op.
    const again = await createDb(url);
    opened.push(again);
    await migrate(again.db);
    expect(await again.db.select().from(workspaces)).toHaveLength(1);
  });

  it('serialises concurrent transactions on one connection without SQLITE_BUSY', async () => {
    const braid = await createDb(tempUrl());
    opened.push(braid);
    await migrate(braid.db);
    const work = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? braid.db.transaction(async (tx) => {
            await tx.insert(workspaces).values({ id: newId(), name: `w${i}`, createdAt: i });
            await new Promise((r) => setTimeout(r, 1));
            await tx.insert(workspaces).values({ id: newId(), name: `w${i}b`, createdAt: i });
          })
        : braid.db.insert(workspaces).values({ id: newId(), name: `plain${i}`, createdAt: i }),
    );
    await Promise.all(work);
    expect(await braid.db.select().from(workspaces)).toHaveLength(75);
    // A failed transaction leaves nothing behind and does not block the next one.
    await expect(
      braid.db.transaction(async (tx) => {
        await tx.insert(workspaces).values({ id: 'x', name: 'x', createdAt: 0 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await braid.db.select().from(workspaces).where(eq(workspaces.id, 'x'))).toHaveLength(0);
  });

  it('reuses cached prepared statements correctly across params, errors and transactions', async () => {
    const braid = await createDb(tempUrl());
    opened.push(braid);
    await migrate(braid.db);
    for (let i = 0; i < 20; i++) {
      await braid.db.insert(workspaces).values({ id: `w${i}`, name: `n${i}`, createdAt: i });
    }
    for (let i = 0; i < 20; i++) {
      const [row] = await braid.db.select().from(workspaces).where(eq(workspaces.id, `w${i}`));
      expect(row?.name).toBe(`n${i}`);
    }
    // A failing execution of a cached statement does not poison the next one.
    await expect(braid.db.insert(workspaces).values({ id: 'w1', name: 'dup', createdAt: 0 })).rejects.toThrow();
    await braid.db.insert(workspaces).values({ id: 'w99', name: 'ok', createdAt: 0 });
    const all = await braid.client.execute('SELECT count(*) AS n FROM workspaces');
    expect(Number(all.rows[0]?.n)).toBe(21);
  });

  it('makes sortable unique ids', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
