import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAllowedSendTime, PolicyConfigError, type SendPolicyInput } from '../src/index';
import { isQuietAt } from '../src/policy/quiet-hours';
import { capReleaseTime } from '../src/policy/frequency-cap';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quiet = { from: '21:00', to: '08:00' };
const base: SendPolicyInput = { now: 0, channel: 'sms', quietHours: null, frequencyCap: null, recentSendTimes: [] };

// Asia/Ho_Chi_Minh is UTC+7 all year.
const vn = (iso: string) => Date.parse(`${iso}+07:00`);

describe('nextAllowedSendTime', () => {
  it('sends now when nothing stands in the way', () => {
    const now = vn('2026-11-24T10:00:00');
    expect(nextAllowedSendTime({ ...base, now, quietHours: quiet, frequencyCap: { max: 1, periodMs: DAY } })).toMatchObject({
      allowedAt: now,
      reason: 'allowed',
    });
  });

  it('postpones an evening send to 08:00 next morning in Ho Chi Minh City (window wraps midnight)', () => {
    const d = nextAllowedSendTime({ ...base, now: vn('2026-11-24T22:30:00'), quietHours: quiet });
    expect(d.reason).toBe('quietHours');
    expect(d.allowedAt).toBe(vn('2026-11-25T08:00:00'));
    expect(d.detail).toContain('2026-11-25 08:00 Asia/Ho_Chi_Minh');
  });

  it('postpones an after-midnight send to 08:00 the same morning', () => {
    const d = nextAllowedSendTime({ ...base, now: vn('2026-11-25T03:15:00'), quietHours: quiet });
    expect(d.allowedAt).toBe(vn('2026-11-25T08:00:00'));
  });

  it('treats the window as [from, to): 21:00 is quiet, 08:00 is allowed', () => {
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T21:00:00'), quietHours: quiet }).reason).toBe('quietHours');
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T08:00:00'), quietHours: quiet }).reason).toBe('allowed');
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T20:59:59'), quietHours: quiet }).reason).toBe('allowed');
  });

  it('handles a window inside one day (12:00–13:30 lunch)', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T12:10:00'), quietHours: lunch }).allowedAt).toBe(vn('2026-11-24T13:30:00'));
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T23:00:00'), quietHours: lunch }).reason).toBe('allowed');
  });

  it('uses the customer timezone, not the server one', () => {
    // 15:00 UTC is 22:00 in Ho Chi Minh City (quiet) but 16:00 in Berlin in winter (allowed).
    const now = Date.parse('2026-11-24T15:00:00Z');
    expect(nextAllowedSendTime({ ...base, now, quietHours: quiet }).reason).toBe('quietHours');
    expect(nextAllowedSendTime({ ...base, now, quietHours: quiet, customerTimezone: 'Europe/Berlin' }).reason).toBe('allowed');
  });

  it('falls back to Asia/Ho_Chi_Minh for an unknown timezone and says so', () => {
    const d = nextAllowedSendTime({ ...base, now: vn('2026-11-24T22:00:00'), quietHours: quiet, customerTimezone: 'Mars/Olympus' });
    expect(d.allowedAt).toBe(vn('2026-11-25T08:00:00'));
    expect(d.detail).toContain('unknown timezone');
  });

  describe('Europe/Berlin across daylight-saving changes', () => {
    const berlin = { ...base, customerTimezone: 'Europe/Berlin', quietHours: quiet };
    it('spring forward (29 March 2026): a night of 10 hours of wall time ends at 08:00 CEST', () => {
      const d = nextAllowedSendTime({ ...berlin, now: Date.parse('2026-03-28T22:00:00+01:00') });
      expect(d.allowedAt).toBe(Date.parse('2026-03-29T08:00:00+02:00'));
    });
    it('fall back (25 October 2026): ends at 08:00 CET', () => {
      const d = nextAllowedSendTime({ ...berlin, now: Date.parse('2026-10-24T23:30:00+02:00') });
      expect(d.allowedAt).toBe(Date.parse('2026-10-25T08:00:00+01:00'));
    });
    it('a window ending inside the skipped hour resolves to the first moment after it', () => {
      const d = nextAllowedSendTime({ ...berlin, quietHours: { from: '01:00', to: '02:30' }, now: Date.parse('2026-03-29T01:30:00+01:00') });
      // 02:30 does not exist that night: the clock jumps from 02:00 to 03:00, and 03:00 is no longer quiet.
      expect(d.allowedAt).toBe(Date.parse('2026-03-29T03:00:00+02:00'));
      expect(d.reason).toBe('quietHours');
    });
  });

  describe('frequency cap', () => {
    it('1 per day: a second send waits until 24h after the first', () => {
      const first = vn('2026-11-24T09:00:00');
      const d = nextAllowedSendTime({ ...base, now: vn('2026-11-24T15:00:00'), frequencyCap: { max: 1, periodMs: DAY }, recentSendTimes: [first] });
      expect(d).toMatchObject({ reason: 'frequencyCap', allowedAt: first + DAY });
      expect(d.detail).toContain('frequency cap 1 per 1d');
    });
    it('3 per week: waits for the oldest of the last three to age out', () => {
      const now = vn('2026-11-24T10:00:00');
      const sends = [now - 6 * DAY, now - 2 * DAY, now - HOUR, now - 10 * DAY];
      const d = nextAllowedSendTime({ ...base, now, frequencyCap: { max: 3, periodMs: 7 * DAY }, recentSendTimes: sends });
      expect(d.allowedAt).toBe(now - 6 * DAY + 7 * DAY);
    });
    it('ignores sends older than the period', () => {
      const now = vn('2026-11-24T10:00:00');
      expect(nextAllowedSendTime({ ...base, now, frequencyCap: { max: 1, periodMs: DAY }, recentSendTimes: [now - DAY - 1] }).reason).toBe('allowed');
    });
  });

  it('a cap that releases inside quiet hours moves again to the end of quiet hours', () => {
    const sentAt = vn('2026-11-23T20:30:00');
    const d = nextAllowedSendTime({
      ...base,
      now: vn('2026-11-24T12:00:00'),
      quietHours: quiet,
      frequencyCap: { max: 1, periodMs: 26 * HOUR },
      recentSendTimes: [sentAt, sentAt - 30 * DAY],
    });
    // The cap frees at 22:30 on the 24th, which is quiet; the send goes at 08:00 on the 25th.
    expect(d.reason).toBe('frequencyCap');
    expect(d.allowedAt).toBe(vn('2026-11-25T08:00:00'));
    expect(d.detail).toMatch(/frequency cap.*; sms quiet hours/);
  });

  it('refuses nonsense configuration with the field named', () => {
    expect(() => nextAllowedSendTime({ ...base, quietHours: { from: '9pm', to: '08:00' } })).toThrow(/quietHours.from/);
    expect(() => nextAllowedSendTime({ ...base, frequencyCap: { max: 0, periodMs: DAY } })).toThrow(PolicyConfigError);
    expect(() => nextAllowedSendTime({ ...base, frequencyCap: { max: 1, periodMs: -1 } })).toThrow(/periodMs/);
  });

  it('from == to means no quiet hours at all', () => {
    expect(nextAllowedSendTime({ ...base, now: vn('2026-11-24T23:00:00'), quietHours: { from: '08:00', to: '08:00' } }).reason).toBe('allowed');
  });

  it('property: allowedAt is never before now and is itself allowed', () => {
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const arb = fc.record({
      now: fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
      zone: fc.constantFrom(...zones),
      quietHours: fc.option(fc.record({ from: clock, to: clock }), { nil: null }),
      frequencyCap: fc.option(fc.record({ max: fc.integer({ min: 1, max: 5 }), periodMs: fc.integer({ min: 60_000, max: 14 * DAY }) }), { nil: null }),
      offsets: fc.array(fc.integer({ min: -20 * DAY, max: HOUR }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ now, zone, quietHours, frequencyCap, offsets }) => {
        const recentSendTimes = offsets.map((o) => now + o);
        const d = nextAllowedSendTime({ now, channel: 'email', customerTimezone: zone, quietHours, frequencyCap, recentSendTimes });
        expect(d.allowedAt).toBeGreaterThanOrEqual(now);
        if (d.reason === 'allowed') expect(d.allowedAt).toBe(now);
        if (quietHours) expect(isQuietAt(d.allowedAt, quietHours, zone)).toBe(false);
        if (frequencyCap) expect(capReleaseTime(d.allowedAt, frequencyCap, recentSendTimes)).toBe(d.allowedAt);
        // Deciding again at allowedAt lets the send through.
        expect(nextAllowedSendTime({ now: d.allowedAt, channel: 'email', customerTimezone: zone, quietHours, frequencyCap, recentSendTimes }).reason).toBe('allowed');
      }),
      { numRuns: 500 },
    );
  });
});

describe('several caps and settings json', () => {
  it('all caps must hold: 1 per day and 2 per week', async () => {
    const { sendRulesFromChannelSettings } = await import('../src/index');
    const rules = sendRulesFromChannelSettings({ frequencyCap: [{ max: 1, perHours: 24 }, { max: 2, perHours: 168 }], quietHours: { start: '21:00', end: '08:00', timezone: 'Europe/Berlin' } });
    expect(rules.timezone).toBe('Europe/Berlin');
    const now = vn('2026-11-24T10:00:00');
    const sends = [now - 3 * DAY, now - 2 * DAY];
    const d = nextAllowedSendTime({ ...base, now, frequencyCap: rules.frequencyCap, recentSendTimes: sends });
    // The daily cap is free, the weekly one waits for the send 3 days ago to age out.
    expect(d).toMatchObject({ reason: 'frequencyCap', allowedAt: now - 3 * DAY + 7 * DAY });
    expect(d.detail).toContain('2 per 7d');
    expect(() => sendRulesFromChannelSettings({ frequencyCap: [{ max: 1, perHours: 24 }, { max: 'two', perHours: 1 }] })).toThrow(/frequencyCap\[1\]\.max/);
    expect(() => sendRulesFromChannelSettings({ quietHours: { start: '25:00', end: '08:00' } })).toThrow(/quietHours.start/);
  });
});

describe('around daylight-saving transitions', () => {
  // 2024–2027 transition days in Europe/Berlin, America/New_York and Australia/Lord_Howe (30-minute shift).
  const transitions = [
    '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z', '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z',
    '2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z',
    '2024-04-06T15:00:00Z', '2024-10-05T15:30:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z',
  ].map(Date.parse);
  it('a window ending inside the repeated fall-back hour ends at the second occurrence (found by the property below)', () => {
    // Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET. A 1-per-hour cap releases at 02:35 CET,
    // inside 00:00–02:45 quiet hours, whose 02:45 already passed once (CEST): the end is 02:45 CET.
    const now = Date.parse('2026-10-25T01:00:00Z') - 240_001;
    const d = nextAllowedSendTime({ now, channel: 'zalo', customerTimezone: 'Europe/Berlin', quietHours: { from: '00:00', to: '02:45' }, frequencyCap: { max: 1, periodMs: HOUR }, recentSendTimes: [now - HOUR / 3] });
    expect(new Date(d.allowedAt).toISOString()).toBe('2026-10-25T01:45:00.000Z');
    expect(isQuietAt(d.allowedAt, { from: '00:00', to: '02:45' }, 'Europe/Berlin')).toBe(false);
  });
  it('property: allowedAt ≥ now and itself allowed, within two days of a transition', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -2 * DAY, max: 2 * DAY }),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'),
        fc.record({ from: clock, to: fc.oneof(clock, fc.constantFrom('02:00', '02:15', '02:30', '02:45', '03:00')) }),
        fc.option(fc.integer({ min: HOUR, max: 3 * DAY }), { nil: null }),
        (transition, delta, zone, quietHours, period) => {
          const now = transition + delta;
          const frequencyCap = period === null ? null : { max: 1, periodMs: period };
          const recentSendTimes = period === null ? [] : [now - Math.floor(period / 3)];
          const d = nextAllowedSendTime({ now, channel: 'zalo', customerTimezone: zone, quietHours, frequencyCap, recentSendTimes });
          expect(d.allowedAt).toBeGreaterThanOrEqual(now);
          expect(isQuietAt(d.allowedAt, quietHours, zone)).toBe(false);
          if (frequencyCap) expect(capReleaseTime(d.allowedAt, frequencyCap, recentSendTimes)).toBe(d.allowedAt);
          // Not later than needed: a minute earlier something still blocked (unless sending now).
          if (d.allowedAt > now) {
            const earlier = d.allowedAt - 60_000;
            const blocked = earlier < now || isQuietAt(earlier, quietHours, zone) || (frequencyCap !== null && capReleaseTime(earlier, frequencyCap, recentSendTimes) > earlier);
            expect(blocked).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
