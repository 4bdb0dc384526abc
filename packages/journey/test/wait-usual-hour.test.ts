// "Wait until their usual hour": the customer waits for the hour of day they answer most (their
// timezone), or the configured hour when they never answered; the path says which and why.
import { describe, expect, it } from 'vitest';
import { simulate, validate } from '../src/index';
import { journeyGraph } from '../fixtures/builder';
import { compiled, registry } from './helpers';

const graph = journeyGraph(
  [
    ['viewed', 'trigger-event', { event: 'Product Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['usual-hour', 'wait-usual-hour', { fallbackHour: 19, windowDays: 90, fallbackTimezone: 'Asia/Ho_Chi_Minh' }],
    ['zalo', 'send-message', { channel: 'zalo', body: 'Chào {{ customer.firstName }}' }],
    ['done', 'exit', { reason: 'Sent' }],
  ],
  [
    ['viewed', 'out', 'usual-hour'],
    ['usual-hour', 'out', 'zalo'],
    ['zalo', 'out', 'done'],
  ],
);

const sentAt = (r: ReturnType<typeof simulate>) => r.path.find((p) => p.nodeId === 'zalo' && p.what === 'action')?.at;

describe('wait-usual-hour', () => {
  it('validates', () => {
    expect(validate(graph, registry)).toEqual([]);
  });

  // Entry at 10:00 in Hà Nội (03:00 UTC).
  it('sends at the hour they usually answer, in their timezone', () => {
    expect(sentAt(simulate(compiled(graph), { entryEvent: { name: 'Product Viewed' }, usualHour: 20 }))).toBe('2026-01-05T13:00:00.000Z');
    const tokyo = simulate(compiled(graph), { entryEvent: { name: 'Product Viewed' }, usualHour: 20, traits: { timezone: 'Asia/Tokyo' } });
    expect(sentAt(tokyo)).toBe('2026-01-05T11:00:00.000Z');
  });

  it('an hour already past today waits for tomorrow', () => {
    expect(sentAt(simulate(compiled(graph), { entryEvent: { name: 'Product Viewed' }, usualHour: 8 }))).toBe('2026-01-06T01:00:00.000Z');
  });

  it('without answers waits for the configured hour and says so', () => {
    const r = simulate(compiled(graph), { entryEvent: { name: 'Product Viewed' } });
    expect(sentAt(r)).toBe('2026-01-05T12:00:00.000Z');
    expect(r.path.find((p) => p.nodeId === 'usual-hour' && p.what === 'left')?.reason).toContain('port fallback');
  });
});
