import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseBestChannel, usualAnswerHour, type ChannelStats } from '../src/best-channel-score';

const CHANNELS = ['email', 'zalo', 'sms', 'messenger', 'push'] as const;

function stats(channel: string, sends: number, opened: number, extra: Partial<Omit<ChannelStats, 'weighted'>> = {}): ChannelStats {
  const counts = { sends, opened, clicked: extra.clicked ?? 0, replied: extra.replied ?? 0, converted: extra.converted ?? 0 };
  return { channel, ...counts, weighted: { ...counts } };
}

const arbStats = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  sends: fc.integer({ min: 0, max: 40 }),
  opened: fc.integer({ min: 0, max: 40 }),
  clicked: fc.integer({ min: 0, max: 40 }),
  replied: fc.integer({ min: 0, max: 40 }),
  converted: fc.integer({ min: 0, max: 5 }),
  decay: fc.double({ min: 0.01, max: 1, noNaN: true }),
}).map(({ decay, ...s }) => {
  const opened = Math.min(s.opened, s.sends);
  const clicked = Math.min(s.clicked, opened);
  const replied = Math.min(s.replied, opened);
  const counts = { sends: s.sends, opened, clicked, replied, converted: Math.min(s.converted, s.sends) };
  return { channel: s.channel, ...counts, weighted: { sends: counts.sends * decay, opened: opened * decay, clicked: clicked * decay, replied: replied * decay, converted: counts.converted * decay } } as ChannelStats;
});

const arbInput = fc.record({
  offered: fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1 }),
  stats: fc.array(arbStats, { maxLength: 8 }).map((xs) => [...new Map(xs.map((x) => [x.channel, x])).values()]),
  reachable: fc.subarray([...CHANNELS]),
  consented: fc.subarray([...CHANNELS]),
  minSends: fc.integer({ min: 1, max: 10 }),
  windowDays: fc.integer({ min: 1, max: 365 }),
});

describe('chooseBestChannel', () => {
  it('never picks a channel the customer cannot be reached on, has not consented to, or the node does not offer', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = chooseBestChannel(input);
        if (d.channel === null) {
          // Fallback only when truly no offered channel is both reachable and consented.
          expect(input.offered.some((c) => input.reachable.includes(c) && input.consented.includes(c))).toBe(false);
          expect(d.basis).toBe('noReachableChannel');
        } else {
          expect(input.offered).toContain(d.channel);
          expect(input.reachable).toContain(d.channel);
          expect(input.consented).toContain(d.channel);
        }
      }),
    );
  });

  it('picks a channel whose score no other eligible channel with enough sends beats', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = chooseBestChannel(input);
        const scored = d.channels.filter((c) => c.status === 'scored');
        if (d.basis !== 'history') {
          expect(scored).toHaveLength(0);
          return;
        }
        const chosen = scored.find((c) => c.channel === d.channel)!;
        for (const c of scored) expect(chosen.score!).toBeGreaterThanOrEqual(c.score!);
        for (const c of scored) expect(c.sends).toBeGreaterThanOrEqual(input.minSends);
      }),
    );
  });

  it('lets history count only from the minimum number of sends', () => {
    const base = { offered: ['email', 'zalo'], reachable: ['email', 'zalo'], consented: ['email', 'zalo'], windowDays: 30 };
    // Zalo 2 / 2 opened is not enough history at minSends 3: email 1 / 6 wins on history.
    const few = chooseBestChannel({ ...base, stats: [stats('email', 6, 1), stats('zalo', 2, 2)], minSends: 3 });
    expect(few).toMatchObject({ channel: 'email', basis: 'history' });
    expect(few.channels.find((c) => c.channel === 'zalo')?.status).toBe('tooFewSends');
    const enough = chooseBestChannel({ ...base, stats: [stats('email', 6, 1), stats('zalo', 2, 2)], minSends: 2 });
    expect(enough.channel).toBe('zalo');
  });

  it('breaks ties by the order the marketer offered the channels', () => {
    const tie = [stats('email', 5, 2), stats('zalo', 5, 2)];
    const common = { reachable: ['email', 'zalo'], consented: ['email', 'zalo'], minSends: 3, windowDays: 30, stats: tie };
    expect(chooseBestChannel({ ...common, offered: ['zalo', 'email'] }).channel).toBe('zalo');
    expect(chooseBestChannel({ ...common, offered: ['email', 'zalo'] }).channel).toBe('email');
  });

  it('without enough history takes the first reachable channel and says so', () => {
    const d = chooseBestChannel({ offered: ['zalo', 'email'], stats: [stats('email', 1, 1)], reachable: ['email'], consented: ['email'], minSends: 3, windowDays: 30 });
    expect(d).toMatchObject({ channel: 'email', basis: 'noHistory' });
    expect(d.text.en).toContain('not enough history');
    expect(d.text.vi).toContain('chưa đủ dữ liệu');
  });

  it('explains the choice in both languages with the counts (Zalo opener)', () => {
    const d = chooseBestChannel({
      offered: ['zalo', 'email'],
      stats: [stats('zalo', 5, 4), stats('email', 6, 0)],
      reachable: ['zalo', 'email'],
      consented: ['zalo', 'email'],
      minSends: 3,
      windowDays: 30,
    });
    expect(d.channel).toBe('zalo');
    expect(d.text.vi).toBe('Zalo — Zalo: 4 / 5 đã mở trong 30 ngày; Email: 0 / 6 đã mở trong 30 ngày');
    expect(d.text.en).toBe('Zalo — Zalo: 4 / 5 opened in 30 days; Email: 0 / 6 opened in 30 days');
  });

  it('a phone-only customer takes the fallback, and the reason names each channel', () => {
    const d = chooseBestChannel({ offered: ['zalo', 'email', 'messenger'], stats: [], reachable: [], consented: [], minSends: 3, windowDays: 90 });
    expect(d).toMatchObject({ channel: null, basis: 'noReachableChannel' });
    expect(d.text.en).toBe('No reachable, subscribed channel — Zalo: no address; Email: no address; Messenger: no address');
  });

  it('a reachable channel without consent is named as such', () => {
    const d = chooseBestChannel({ offered: ['email'], stats: [stats('email', 9, 9)], reachable: ['email'], consented: [], minSends: 3, windowDays: 90 });
    expect(d.channel).toBeNull();
    expect(d.text.vi).toContain('Email: chưa đồng ý nhận');
  });
});

describe('usualAnswerHour', () => {
  it('is the hour with the most answers, the earlier one on a tie, null without answers', () => {
    expect(usualAnswerHour([{ hour: 20, answers: 3 }, { hour: 9, answers: 3 }, { hour: 12, answers: 1 }])).toBe(9);
    expect(usualAnswerHour([{ hour: 7, answers: 0 }])).toBeNull();
    expect(usualAnswerHour([])).toBeNull();
  });
});
