// Decree 91/2020 and quiet hours as properties: whatever the requests, no advertising SMS goes out
// between 22:00 and 07:00 Vietnam time, never a 4th to one number within 24 hours, and every
// request is eventually sent (postponed, never dropped).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallTimeAt } from '@braid/sdk/zoned-time';
import { withAdvertisingMark } from '@braid/nodes';
import { DECREE_91, planSend, withAdvertisingPrefix, type SendPlanInput } from '../src/index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-11-23T00:00:00+07:00');
const vnHour = (at: number) => wallTimeAt(at, 'Asia/Ho_Chi_Minh').hour;
const localHour = (at: number, tz: string) => wallTimeAt(at, tz).hour;

const base = (now: number, sent: number[], extra: Partial<SendPlanInput> = {}): SendPlanInput => ({
  now,
  channel: 'sms',
  transactional: false,
  timeZone: 'Asia/Ho_Chi_Minh',
  quietHours: null,
  channelCaps: [],
  channelSendTimes: [],
  workspaceCaps: [],
  workspaceSendTimes: [],
  advertisingSms: { sendTimesToNumber: sent },
  ...extra,
});

/**
 * Runs requests like the runtime does: each asks at its time; a postponed one asks again at the
 * time it was given (the workflow sleeps until then); only an "allowed now" answer sends.
 */
function simulate(requests: number[], extra: Partial<SendPlanInput> = {}): { sent: number[]; asked: number } {
  const queue = [...requests].sort((a, b) => a - b);
  const sent: number[] = [];
  let asked = 0;
  while (queue.length > 0) {
    const at = queue.shift()!;
    asked++;
    const plan = planSend(base(at, sent, extra));
    if (plan.allowedAt === at) sent.push(at);
    else {
      expect(plan.allowedAt).toBeGreaterThan(at);
      // Re-queue in time order: the workflow wakes at allowedAt.
      const i = queue.findIndex((t) => t > plan.allowedAt);
      queue.splice(i === -1 ? queue.length : i, 0, plan.allowedAt);
    }
    if (asked > 10_000) throw new Error('requests never settled');
  }
  return { sent, asked };
}

const requestTimes = fc.array(fc.integer({ min: 0, max: 5 * DAY }).map((o) => START + o), { minLength: 1, maxLength: 25 });
const zones = fc.constantFrom('Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney');

describe('Decree 91/2020 for advertising SMS (properties)', () => {
  it('sends every request, never between 22:00 and 07:00 Vietnam time, never a 4th to one number in 24 h', () => {
    fc.assert(
      fc.property(requestTimes, (requests) => {
        const { sent } = simulate(requests);
        expect(sent).toHaveLength(requests.length); // none dropped
        for (const at of sent) expect(vnHour(at) >= 7 && vnHour(at) < 22).toBe(true);
        const sorted = [...sent].sort((a, b) => a - b);
        for (let i = 3; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 3]!).toBeGreaterThanOrEqual(DAY);
      }),
      { numRuns: 300 },
    );
  });

  it('a single plan is never earlier than asked and always inside the window with room under the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), fc.array(fc.integer({ min: 0, max: 2 * DAY }), { maxLength: 8 }), (offset, ago) => {
        const now = START + offset;
        const history = ago.map((a) => now - a);
        const plan = planSend(base(now, history));
        expect(plan.allowedAt).toBeGreaterThanOrEqual(now);
        expect(vnHour(plan.allowedAt) >= 7 && vnHour(plan.allowedAt) < 22).toBe(true);
        expect(history.filter((t) => t > plan.allowedAt - DAY && t <= plan.allowedAt).length).toBeLessThan(DECREE_91.cap.max);
      }),
      { numRuns: 500 },
    );
  });

  it('transactional SMS are exempt: sent at once, whatever the hour and history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), (offset) => {
        const now = START + offset;
        expect(planSend(base(now, [now - 1, now - 2, now - 3], { transactional: true })).allowedAt).toBe(now);
      }),
    );
  });

  it('prefixes [QC] once', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (body) => {
        const once = withAdvertisingPrefix(body);
        expect(once.startsWith('[QC]') || /^\[?QC\]?[\s:\-–]/i.test(body.trimStart())).toBe(true);
        expect(withAdvertisingPrefix(once)).toBe(once);
      }),
    );
    expect(withAdvertisingPrefix('Giảm 20% hôm nay')).toBe('[QC] Giảm 20% hôm nay');
  });

  it('the canvas counts an SMS with the same [QC] the policy sends (@braid/nodes withAdvertisingMark)', () => {
    const marked = fc.oneof(fc.string({ maxLength: 40 }), fc.tuple(fc.constantFrom('QC ', '[QC] ', 'qc: ', ' [QC]- ', 'QCX ', '[QC]'), fc.string({ maxLength: 20 })).map(([a, b]) => a + b));
    fc.assert(
      fc.property(marked, (body) => {
        expect(withAdvertisingMark(body)).toBe(withAdvertisingPrefix(body));
      }),
    );
  });
});

describe('quiet hours in the customer zone (properties)', () => {
  it('no marketing send between 21:00 and 08:00 local, none dropped, on any channel and zone', () => {
    fc.assert(
      fc.property(requestTimes, zones, fc.constantFrom('email', 'zalo', 'messenger', 'push'), (requests, tz, channel) => {
        const { sent } = simulate(requests, { channel, timeZone: tz, quietHours: { from: '21:00', to: '08:00' }, advertisingSms: null });
        expect(sent).toHaveLength(requests.length);
        for (const at of sent) expect(localHour(at, tz) >= 8 && localHour(at, tz) < 21).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('an advertising SMS satisfies both the quiet hours and the decree (08:00–21:00 local ∩ 07:00–22:00 Vietnam)', () => {
    fc.assert(
      fc.property(requestTimes, zones, (requests, tz) => {
        const { sent } = simulate(requests, { timeZone: tz, quietHours: { from: '21:00', to: '08:00' } });
        expect(sent).toHaveLength(requests.length);
        for (const at of sent) {
          expect(localHour(at, tz) >= 8 && localHour(at, tz) < 21).toBe(true);
          expect(vnHour(at) >= 7 && vnHour(at) < 22).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('caps across channels hold together with the per-channel cap', () => {
    fc.assert(
      fc.property(requestTimes, (requests) => {
        const queue = [...requests].sort((a, b) => a - b);
        const sent: number[] = [];
        while (queue.length > 0) {
          const at = queue.shift()!;
          const plan = planSend(base(at, [], { channel: 'email', advertisingSms: null, workspaceCaps: [{ max: 2, periodMs: DAY }], workspaceSendTimes: sent }));
          if (plan.allowedAt === at) sent.push(at);
          else queue.splice(queue.findIndex((t) => t > plan.allowedAt) === -1 ? queue.length : queue.findIndex((t) => t > plan.allowedAt), 0, plan.allowedAt);
        }
        expect(sent).toHaveLength(requests.length);
        const sorted = [...sent].sort((a, b) => a - b);
        for (let i = 2; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 2]!).toBeGreaterThanOrEqual(DAY);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a daily quota (Zalo ZNS)', () => {
  it('a send over the day quota waits for midnight Vietnam time, then goes', () => {
    const now = Date.parse('2026-11-24T15:00:00+07:00');
    const plan = planSend({ ...base(now, []), channel: 'zalo', advertisingSms: null, transactional: true, dailyQuota: { quota: 500, usedToday: 500, timeZone: 'Asia/Ho_Chi_Minh', label: 'Zalo ZNS' } });
    expect(plan).toMatchObject({ reason: 'dailyQuota', allowedAt: Date.parse('2026-11-25T00:00:00+07:00') });
    expect(plan.detail).toContain('daily quota of 500 used');
  });
});
