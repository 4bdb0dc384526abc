// The "reach each customer on their best channel" template (SCENARIO.md §2): validates against the
// installed node types, and the simulator answers its best-channel step with the same scoring the
// worker uses, so the four customers of the story each take their own branch and the path says why.
import { describe, expect, it } from 'vitest';
import { simulate, validate, type ChannelHistory } from '../src/index';
import { bestChannelReach } from '../fixtures/index';
import { compiled, registry } from './helpers';

const entryEvent = { name: 'Product Viewed', properties: { product_name: 'Mật ong rừng' } };

function branchOf(history: ChannelHistory) {
  const r = simulate(compiled(bestChannelReach), { entryEvent, traits: { firstName: 'Toán' }, channelHistory: history });
  expect(r.errors).toEqual([]);
  const decision = r.path.find((p) => p.nodeId === 'best-channel' && p.what === 'left');
  return { visited: r.nodesVisited, reason: decision?.reason ?? '' };
}

describe('best-channel-reach template', () => {
  it('validates against the built-in node types', () => {
    expect(validate(bestChannelReach, registry)).toEqual([]);
  });

  it('Toản, who watches on Zalo and never opens email, gets the Zalo message', () => {
    const r = branchOf({ reachable: ['zalo', 'email'], channels: [{ channel: 'zalo', sends: 5, opened: 4 }, { channel: 'email', sends: 6, opened: 0 }] });
    expect(r.visited).toContain('zalo-offer');
    expect(r.visited).not.toContain('email-offer');
    expect(r.reason).toContain('Zalo: 4 / 5 đã mở trong 30 ngày; Email: 0 / 6 đã mở trong 30 ngày');
    expect(r.reason).toContain('Zalo: 4 / 5 opened in 30 days; Email: 0 / 6 opened in 30 days');
  });

  it('Toàn, who reads email and Messenger, gets the channel he answers more on', () => {
    const r = branchOf({
      reachable: ['email', 'messenger'],
      channels: [{ channel: 'email', sends: 6, opened: 5, clicked: 3 }, { channel: 'messenger', sends: 4, opened: 2 }],
    });
    expect(r.visited).toContain('email-offer');
  });

  it('a channel they unsubscribed from is never chosen, however well they answered on it', () => {
    const r = branchOf({ reachable: ['zalo', 'email'], consented: ['email'], channels: [{ channel: 'zalo', sends: 9, opened: 9 }, { channel: 'email', sends: 6, opened: 1 }] });
    expect(r.visited).toContain('email-offer');
    expect(r.reason).toContain('Zalo: not subscribed');
  });

  it('Toán, with only a phone, goes to the hotline call task and the trace says why', () => {
    const r = branchOf({ reachable: [], channels: [] });
    expect(r.visited).toContain('hotline-call');
    expect(r.reason).toContain('No reachable, subscribed channel');
    expect(r.reason).toContain('Không liên lạc được qua kênh nào');
  });

  it('a test run without scripted history reaches the customer where their profile has an address', () => {
    const ir = compiled(bestChannelReach);
    const phoneOnly = simulate(ir, { entryEvent, traits: { firstName: 'Toán', phone: '0912345678' } });
    expect(phoneOnly.nodesVisited).toContain('hotline-call');
    const withEmail = simulate(ir, { entryEvent, traits: { firstName: 'Toàn', email: 'toan@hoaban.vn' } });
    expect(withEmail.nodesVisited).toContain('email-offer');
    expect(withEmail.path.find((p) => p.nodeId === 'best-channel' && p.what === 'left')?.reason).toContain('not enough history');
  });

  it('follows up at the hour the customer usually answers; the hotline calls from 9:00 when they never answered', () => {
    const ir = compiled(bestChannelReach);
    // 2026-01-05T03:00Z is 10:00 in Hà Nội.
    const evening = simulate(ir, { entryEvent, traits: { firstName: 'Toạn', email: 'toan@hoaban.vn' }, usualHour: 20 });
    expect(evening.path.find((p) => p.nodeId === 'email-offer' && p.what === 'action')?.at).toBe('2026-01-05T13:00:00.000Z');
    const phoneOnly = simulate(ir, { entryEvent, traits: { firstName: 'Toán', phone: '0912345678' }, usualHour: null });
    expect(phoneOnly.path.find((p) => p.nodeId === 'hotline-call' && p.what === 'action')?.at).toBe('2026-01-06T02:00:00.000Z');
  });
});
