// A cap is checked at every admission, so each count must search one customer's or one number's
// rows: walking the workspace's day of messages made a 100,000-customer SMS broadcast quadratic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate, type BraidDb, type Db } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitSend, ledgerCounts, znsSentSince } from '../src/index';

let dir: string;
let braid: BraidDb;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-ledger-plans-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
});
afterAll(() => {
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `work` against a db whose every statement is also explained; returns the plans' lines. */
async function plansOf(work: (db: Db) => Promise<unknown>): Promise<string[]> {
  const client = braid.db.$client;
  const statements: { sql: string; args: unknown }[] = [];
  // Patched on the client object itself, which the query builder's session also calls.
  const execute = client.execute;
  client.execute = ((stmt: { sql: string; args?: unknown } | string, args?: unknown) => {
    statements.push(typeof stmt === 'string' ? { sql: stmt, args } : { sql: stmt.sql, args: stmt.args });
    return execute.call(client, stmt as never, args as never);
  }) as typeof client.execute;
  try {
    await work(braid.db);
  } finally {
    client.execute = execute;
  }
  expect(statements.length).toBeGreaterThan(0);
  const lines: string[] = [];
  for (const s of statements) {
    const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: (s.args ?? []) as never });
    lines.push(...plan.rows.map((r) => String(r.detail)));
  }
  return lines;
}

const row = (over: Record<string, unknown> = {}) => ({
  id: `m-${Math.random()}`, workspaceId: 'ws', customerId: 'toan', channel: 'sms', idempotencyKey: `k-${Math.random()}`,
  recipient: '+84901234567', body: '[QC] Hoa Ban Food', payload: { policy: { marketing: true, advertising: true, zns: false } },
  status: 'queued' as const, createdAt: 1_000, updatedAt: 1_000, ...over,
});

describe('cap counts search, never walk', () => {
  it("admitting an advertising SMS counts the customer's sends and the number's SMS through their indexes", async () => {
    const lines = await plansOf((db) =>
      admitSend(db, row(), { channelCaps: [{ max: 3, periodMs: 86_400_000 }], workspaceCaps: [{ max: 5, periodMs: 86_400_000 }], advertisingNumber: '+84901234567' }),
    );
    const searches = lines.filter((l) => l.includes('messages'));
    expect(searches).toEqual(expect.arrayContaining([expect.stringContaining('messages_sms_recipient_idx (workspace_id=? AND recipient=? AND created_at>?)')]));
    expect(searches.filter((l) => l.includes('messages_channel_idx'))).toEqual([]);
    expect(searches.filter((l) => l.includes('messages_customer_idx'))).toHaveLength(2);
    expect(lines.filter((l) => /^SCAN messages/.test(l))).toEqual([]);
  });

  it("the plan's counts (the customer's and the number's) use the same indexes", async () => {
    const lines = await plansOf((db) => ledgerCounts(db, { workspaceId: 'ws', customerId: 'toan', channel: 'sms', number: '+84901234567', now: 2_000, lookbackMs: 86_400_000 }));
    expect(lines.filter((l) => /^SCAN messages/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.includes('messages_channel_idx'))).toEqual([]);
  });

  // Zalo's daily quota: each ZNS admission walked every ZNS the workspace sent that day.
  it("admitting a ZNS reads the day's count from zns_daily_usage by its key, never the day's messages", async () => {
    const day = Date.parse('2026-12-08T00:00:00+07:00');
    const zns = { options: {}, missingVariables: [], policy: { marketing: false, advertising: false, zns: true } };
    const lines = await plansOf((db) =>
      admitSend(db, row({ channel: 'zalo', body: 'ZNS', payload: zns, createdAt: day + 1_000, updatedAt: day + 1_000 }), { channelCaps: [], workspaceCaps: [], dailyQuota: { quota: 500, since: day } }),
    );
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH zns_daily_usage USING (INDEX|PRIMARY KEY).*\(workspace_id=\? AND day_start>\?\)/)]));
    expect(lines.filter((l) => /^(SCAN|SEARCH) messages/.test(l))).toEqual([]);
    const planning = await plansOf((db) => znsSentSince(db, 'ws', day));
    expect(planning).toEqual([expect.stringMatching(/^SEARCH zns_daily_usage USING (INDEX|PRIMARY KEY).*\(workspace_id=\? AND day_start>\?\)/)]);
  });
});
