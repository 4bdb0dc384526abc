// The per-channel engagement read for "best channel", on a real libSQL file: counts per status
// level, conversions through the enrollment, the window, the half-life decay, another customer's
// and another workspace's messages left out, and the hour they answer in their own timezone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, enrollments, messages, migrate, type BraidDb, type MessageStatus } from '@braid/db';
import { answersByHour, channelStats, utcOffsetMinutes } from '../src/activities/channel-stats';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T05:00:00.000Z'); // 12:00 in Hà Nội
let dir: string;
let db: BraidDb;
let n = 0;

async function message(channel: string, status: MessageStatus, ageDays: number, o: { customerId?: string; workspaceId?: string; enrollmentId?: string; answeredAt?: number } = {}) {
  const createdAt = NOW - ageDays * DAY;
  n += 1;
  await db.db.insert(messages).values({
    id: `m${n}`,
    workspaceId: o.workspaceId ?? 'ws',
    customerId: o.customerId ?? 'toan',
    channel,
    idempotencyKey: `k${n}`,
    status,
    enrollmentId: o.enrollmentId ?? null,
    createdAt,
    updatedAt: o.answeredAt ?? createdAt,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-channel-stats-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  await db.db.insert(enrollments).values({ id: 'e-conv', workspaceId: 'ws', journeyId: 'j', version: 1, customerId: 'toan', workflowId: 'w', status: 'converted', enteredAt: NOW - DAY });
  // Zalo: 5 sends in the last 30 days, 4 answered at 20:xx Hà Nội time (13:xx UTC), one bought.
  await message('zalo', 'opened', 1, { answeredAt: Date.parse('2026-03-09T13:10:00Z') });
  await message('zalo', 'clicked', 2, { answeredAt: Date.parse('2026-03-08T13:40:00Z'), enrollmentId: 'e-conv' });
  await message('zalo', 'replied', 3, { answeredAt: Date.parse('2026-03-07T13:05:00Z') });
  await message('zalo', 'opened', 30, { answeredAt: Date.parse('2026-02-08T02:00:00Z') }); // 09:00 once
  await message('zalo', 'delivered', 5);
  // Email: 6 reached, none opened; a bounce and a queued one are not sends.
  for (const age of [1, 2, 3, 4, 5, 6]) await message('email', age % 2 ? 'sent' : 'delivered', age);
  await message('email', 'failed', 1);
  await message('email', 'queued', 0);
  // Out of the window, another customer, another workspace: never counted.
  await message('zalo', 'opened', 200);
  await message('zalo', 'opened', 1, { customerId: 'toan-other' });
  await message('email', 'opened', 1, { workspaceId: 'other-ws' });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = { workspaceId: 'ws', customerId: 'toan', channels: ['zalo', 'email', 'messenger'], now: NOW, windowDays: 90, halfLifeDays: 30, utcOffsetMinutes: 420 };

describe('channelStats', () => {
  it('counts sends and each engagement level per channel, conversions through the enrollment', async () => {
    const stats = await channelStats(db.db, query);
    const zalo = stats.find((s) => s.channel === 'zalo')!;
    const email = stats.find((s) => s.channel === 'email')!;
    expect({ sends: zalo.sends, opened: zalo.opened, clicked: zalo.clicked, replied: zalo.replied, converted: zalo.converted }).toEqual({ sends: 5, opened: 4, clicked: 2, replied: 1, converted: 1 });
    expect({ sends: email.sends, opened: email.opened }).toEqual({ sends: 6, opened: 0 });
    expect(stats.find((s) => s.channel === 'messenger')).toBeUndefined();
  });

  it('weighs each message by its age with the half-life', async () => {
    const zalo = (await channelStats(db.db, query)).find((s) => s.channel === 'zalo')!;
    // Ages in whole days 1, 2, 3, 30, 5; the 30-day-old open weighs half.
    const w = (d: number) => 0.5 ** (d / 30);
    expect(zalo.weighted.sends).toBeCloseTo(w(1) + w(2) + w(3) + w(30) + w(5), 10);
    expect(zalo.weighted.opened).toBeCloseTo(w(1) + w(2) + w(3) + w(30), 10);
    expect(zalo.weighted.converted).toBeCloseTo(w(2), 10);
  });

  it('keeps to the window', async () => {
    const zalo = (await channelStats(db.db, { ...query, windowDays: 10 })).find((s) => s.channel === 'zalo')!;
    expect({ sends: zalo.sends, opened: zalo.opened }).toEqual({ sends: 4, opened: 3 });
  });

  it("finds the hour they answer in the customer's timezone", async () => {
    const zalo = (await channelStats(db.db, query)).find((s) => s.channel === 'zalo')!;
    expect(zalo.answerHour).toBe(20);
    const byHour = await answersByHour(db.db, query);
    expect(byHour.sort((a, b) => a.hour - b.hour)).toEqual([
      { hour: 9, answers: 1 },
      { hour: 20, answers: 3 },
    ]);
  });
});

describe('utcOffsetMinutes', () => {
  it('reads the offset of an IANA timezone, Vietnam when unknown', () => {
    expect(utcOffsetMinutes('Asia/Ho_Chi_Minh', NOW)).toBe(420);
    expect(utcOffsetMinutes('Asia/Tokyo', NOW)).toBe(540);
    expect(utcOffsetMinutes(null, NOW)).toBe(420);
    expect(utcOffsetMinutes('Not/AZone', NOW)).toBe(420);
  });
});
