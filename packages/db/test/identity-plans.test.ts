// A customer's addresses are read at every send, profile view, merge and audience upload: each of
// those searches must find one customer's rows, never walk every address of a type in the workspace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, createDb, customerIdentities, eq, inArray, migrate, type BraidDb } from '../src/index';

let dir: string;
let braid: BraidDb;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-identity-plans-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
});
afterAll(() => {
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});

async function planOf(query: { toSQL: () => { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const rows = await braid.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
  return rows.rows.map((r) => String(r.detail));
}

describe("a customer's addresses", () => {
  const ci = customerIdentities;
  const select = () => braid.db.select().from(ci);

  it.each([
    ['all of one customer', () => select().where(and(eq(ci.workspaceId, 'ws'), eq(ci.customerId, 'c')))],
    ['the types a channel uses', () => select().where(and(eq(ci.workspaceId, 'ws'), eq(ci.customerId, 'c'), inArray(ci.type, ['email', 'phone'])))],
    ['of an audience page', () => select().where(and(eq(ci.workspaceId, 'ws'), inArray(ci.customerId, ['a', 'b']), inArray(ci.type, ['email', 'phone'])))],
  ])('%s are searched through the customer', async (_name, query) => {
    const plan = await planOf(query());
    expect(plan).toEqual([expect.stringMatching(/customer_identities_customer_type_idx \(customer_id=\? AND workspace_id=\?/)]);
  });

  it('an address is still found by its value', async () => {
    expect(await planOf(select().where(and(eq(ci.workspaceId, 'ws'), eq(ci.value, '0909908089'))))).toEqual([expect.stringContaining('customer_identities_value_idx')]);
  });
});
