// Zalo's daily quota is read from zns_daily_usage, a counter the triggers on `messages` keep. It
// must say exactly what counting the rows said: the ZNS of the workspace's Zalo day that hold a
// slot (admitted and not failed), whatever writes, updates or deletes the rows.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createDb, messageStatuses, migrate, zaloDayStart, type BraidDb, type MessageStatus } from '@braid/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { admitSend, nextLocalMidnight, SLOT_STATUSES, znsSentSince, type NewMessage } from '../src/index';

const DAY = 86_400_000;
const TODAY = Date.parse('2026-12-08T00:00:00+07:00');
const NOON = TODAY + 12 * 3_600_000;
const ZNS = { options: {}, missingVariables: [], policy: { marketing: false, advertising: false, zns: true } };
const OA_TEXT = { ...ZNS, policy: { ...ZNS.policy, zns: false } };

let dir: string;
let braid: BraidDb;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-zns-usage-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
});
afterAll(() => {
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await braid.db.$client.execute('DELETE FROM messages');
  await braid.db.$client.execute('DELETE FROM zns_daily_usage');
});

let seq = 0;
const message = (over: Partial<NewMessage> = {}): NewMessage => {
  const id = `m-${++seq}`;
  return { id, workspaceId: 'ws', customerId: `c-${id}`, channel: 'zalo', idempotencyKey: id, recipient: '+84901234567', payload: ZNS, status: 'queued', createdAt: NOON, updatedAt: NOON, ...over };
};

async function write(row: NewMessage): Promise<string> {
  await braid.db.$client.execute({
    sql: 'INSERT INTO messages (id, workspace_id, customer_id, channel, idempotency_key, recipient, payload, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: [row.id, row.workspaceId, row.customerId, row.channel, row.idempotencyKey, row.recipient ?? null, JSON.stringify(row.payload), row.status ?? 'queued', row.createdAt, row.updatedAt],
  });
  return row.id;
}

const setStatus = (id: string, status: MessageStatus) => braid.db.$client.execute({ sql: 'UPDATE messages SET status = ? WHERE id = ?', args: [status, id] });

/** The counter as stored, for one workspace and Zalo day. */
async function used(workspaceId = 'ws', dayStart = TODAY): Promise<number> {
  const rs = await braid.db.$client.execute({ sql: 'SELECT used FROM zns_daily_usage WHERE workspace_id = ? AND day_start = ?', args: [workspaceId, dayStart] });
  return Number(rs.rows[0]?.used ?? 0);
}

/** The count the quota used to make from the rows, per workspace and Zalo day (non-zero only). */
async function recount(): Promise<Record<string, number>> {
  const slots = SLOT_STATUSES.map((s) => `'${s}'`).join(', ');
  const rs = await braid.db.$client.execute(`SELECT workspace_id, created_at FROM messages WHERE channel = 'zalo' AND status IN (${slots}) AND json_extract(payload, '$.policy.zns') = 1`);
  const counts: Record<string, number> = {};
  for (const r of rs.rows) {
    const key = `${String(r.workspace_id)}@${zaloDayStart(Number(r.created_at))}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function counters(): Promise<Record<string, number>> {
  const rs = await braid.db.$client.execute('SELECT workspace_id, day_start, used FROM zns_daily_usage WHERE used != 0');
  return Object.fromEntries(rs.rows.map((r) => [`${String(r.workspace_id)}@${Number(r.day_start)}`, Number(r.used)]));
}

const quota = (n: number, since = TODAY) => ({ channelCaps: [], workspaceCaps: [], dailyQuota: { quota: n, since } });

describe('the ZNS counter follows the rows', () => {
  it('an admitted ZNS keeps its one slot through sent and delivered, gives it back when it fails, takes it again when queued again', async () => {
    const id = await write(message());
    expect(await used()).toBe(1);
    await setStatus(id, 'sent');
    expect(await used()).toBe(1);
    await setStatus(id, 'delivered');
    expect(await used()).toBe(1);
    await setStatus(id, 'failed');
    expect(await used()).toBe(0);
    await setStatus(id, 'queued');
    expect(await used()).toBe(1);
    await braid.db.$client.execute({ sql: 'DELETE FROM messages WHERE id = ?', args: [id] });
    expect(await used()).toBe(0);
  });

  it('holds a slot in exactly the statuses the send ledger counts (a postponed row holds none)', async () => {
    const id = await write(message({ status: 'postponed' }));
    expect(await used()).toBe(0);
    for (const status of messageStatuses) {
      await setStatus(id, status);
      expect({ status, used: await used() }).toEqual({ status, used: (SLOT_STATUSES as readonly string[]).includes(status) ? 1 : 0 });
    }
  });

  it("rows of another channel, another workspace, another day or without the ZNS mark don't count towards today's", async () => {
    await write(message());
    await write(message({ channel: 'sms', payload: ZNS }));
    await write(message({ payload: OA_TEXT }));
    await write(message({ workspaceId: 'other' }));
    await write(message({ createdAt: TODAY - 1, updatedAt: TODAY - 1 }));
    await write(message({ createdAt: TODAY + DAY, updatedAt: TODAY + DAY }));
    expect(await used()).toBe(1);
    expect(await used('other')).toBe(1);
    expect(await used('ws', TODAY - DAY)).toBe(1);
    expect(await used('ws', TODAY + DAY)).toBe(1);
    // From the start of today: today's and the (clock-skewed) next day's, as counting created_at >= since did.
    expect(await znsSentSince(braid.db, 'ws', TODAY)).toBe(2);
    expect(await znsSentSince(braid.db, 'ws', TODAY + DAY)).toBe(1);
  });

  it('a row moved to another channel, workspace or day, or losing its ZNS mark, moves or gives back its slot', async () => {
    const id = await write(message());
    const update = (set: string, args: (string | number)[]) => braid.db.$client.execute({ sql: `UPDATE messages SET ${set} WHERE id = ?`, args: [...args, id] });
    await update('created_at = ?', [TODAY - 1]);
    expect([await used(), await used('ws', TODAY - DAY)]).toEqual([0, 1]);
    await update('created_at = ?', [NOON]);
    await update('workspace_id = ?', ['other']);
    expect([await used(), await used('other')]).toEqual([0, 1]);
    await update('workspace_id = ?', ['ws']);
    await update('payload = ?', [JSON.stringify(OA_TEXT)]);
    expect(await used()).toBe(0);
    await update('payload = ?', [JSON.stringify(ZNS)]);
    await update('channel = ?', ['sms']);
    expect(await counters()).toEqual({});
  });

  it("the day turns at midnight in Vietnam, as the policy's nextLocalMidnight says", async () => {
    const instants = fc.sample(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), 50);
    for (const at of [...instants, TODAY, TODAY - 1, TODAY + DAY - 1]) {
      const expected = nextLocalMidnight(at, 'Asia/Ho_Chi_Minh') - DAY;
      expect(zaloDayStart(at)).toBe(expected);
      await write(message({ createdAt: at, updatedAt: at }));
      expect(await used('ws', expected)).toBeGreaterThan(0);
    }
    expect(await counters()).toEqual(await recount());
  });

  it('the migration counts the ZNS already sent the way the triggers do', async () => {
    for (let i = 0; i < 5; i++) await write(message({ createdAt: NOON - i * DAY * 0.4 }));
    await setStatus(await write(message()), 'failed');
    await write(message({ workspaceId: 'other', status: 'delivered' }));
    await write(message({ channel: 'sms' }));
    const kept = await counters();
    const migration = readFileSync(fileURLToPath(new URL('../../db/migrations/0023_zns_daily_usage.sql', import.meta.url)), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    expect(backfill).toContain('INSERT INTO `zns_daily_usage`');
    await braid.db.$client.execute('DELETE FROM zns_daily_usage');
    await braid.db.$client.execute(backfill);
    expect(await counters()).toEqual(kept);
    expect(kept).toEqual(await recount());
  });
});

describe('the daily quota, read from the counter', () => {
  it('admits exactly `quota` ZNS a day and refuses the next; a failed one gives its slot back', async () => {
    const results: string[] = [];
    for (let i = 0; i < 4; i++) results.push(await admitSend(braid.db, message(), quota(3)));
    expect(results).toEqual(['admitted', 'admitted', 'admitted', 'full']);
    expect(await znsSentSince(braid.db, 'ws', TODAY)).toBe(3);
    // Yesterday's and another workspace's don't take today's slots; a retried send finds its row.
    await write(message({ createdAt: TODAY - 1 }));
    await write(message({ workspaceId: 'other' }));
    expect(await admitSend(braid.db, message({ workspaceId: 'other' }), quota(3))).toBe('admitted');
    const first = (await braid.db.$client.execute({ sql: "SELECT id, idempotency_key FROM messages WHERE workspace_id = 'ws' AND created_at = ? ORDER BY id LIMIT 1", args: [NOON] })).rows[0]!;
    expect(await admitSend(braid.db, message({ idempotencyKey: String(first.idempotency_key) }), quota(3))).toBe('exists');
    await setStatus(String(first.id), 'failed');
    expect(await admitSend(braid.db, message(), quota(3))).toBe('admitted');
    expect(await admitSend(braid.db, message(), quota(3))).toBe('full');
    // Tomorrow starts from zero.
    const tomorrow = TODAY + DAY;
    expect(await admitSend(braid.db, message({ createdAt: tomorrow + 1, updatedAt: tomorrow + 1 }), quota(3, tomorrow))).toBe('admitted');
    expect(await counters()).toEqual(await recount());
  });

  it('two connections admitting at once never take more than the quota', async () => {
    const second = await createDb(`file:${join(dir, 'braid.db')}`);
    try {
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => admitSend(i % 2 === 0 ? braid.db : second.db, message(), quota(17))));
      expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(17);
      expect(outcomes.filter((o) => o === 'full')).toHaveLength(13);
      expect(await znsSentSince(braid.db, 'ws', TODAY)).toBe(17);
    } finally {
      second.close();
    }
  });

  it('counts only from the start of a Zalo day, the only "since" the counter can answer', async () => {
    await expect(znsSentSince(braid.db, 'ws', NOON)).rejects.toThrow(/start of a Zalo day/);
    await expect(admitSend(braid.db, message(), quota(3, NOON))).rejects.toThrow(/start of a Zalo day/);
  });

  it('after any admissions, status changes and deletes the counter equals a recount of the rows', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('admit' as const), workspace: fc.constantFrom('ws', 'other'), day: fc.integer({ min: -1, max: 1 }), zns: fc.boolean(), quota: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('write' as const), channel: fc.constantFrom('zalo', 'sms'), status: fc.constantFrom(...messageStatuses), day: fc.integer({ min: -1, max: 1 }) }),
      fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...messageStatuses) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        await braid.db.$client.execute('DELETE FROM messages');
        await braid.db.$client.execute('DELETE FROM zns_daily_usage');
        const ids: string[] = [];
        for (const o of ops) {
          if (o.kind === 'admit') {
            const at = NOON + o.day * DAY;
            const before = await znsSentSince(braid.db, o.workspace, TODAY + o.day * DAY);
            const row = message({ workspaceId: o.workspace, createdAt: at, updatedAt: at, payload: o.zns ? ZNS : OA_TEXT });
            const outcome = await admitSend(braid.db, row, o.zns ? quota(o.quota, TODAY + o.day * DAY) : { channelCaps: [], workspaceCaps: [] });
            // The quota refuses exactly when today's (and any later day's) slots are all taken.
            expect(outcome).toBe(!o.zns || before < o.quota ? 'admitted' : 'full');
            if (outcome === 'admitted') ids.push(row.id);
          } else if (o.kind === 'write') {
            const at = NOON + o.day * DAY;
            ids.push(await write(message({ channel: o.channel, status: o.status, createdAt: at, updatedAt: at })));
          } else if (ids.length > 0) {
            const id = ids[o.pick % ids.length]!;
            if (o.kind === 'status') await setStatus(id, o.status);
            else {
              await braid.db.$client.execute({ sql: 'DELETE FROM messages WHERE id = ?', args: [id] });
              ids.splice(ids.indexOf(id), 1);
            }
          }
        }
        expect(await counters()).toEqual(await recount());
      }),
      { numRuns: 60 },
    );
  });
});
