import { describe, expect, it } from 'vitest';
import { conditionBestChannel, conditionEngagement, conditionEventCount, conditionRandomSplit, conditionSegment, conditionTrait, waitUsualHour } from '../src/index';
import { compileNode, graphCtx, issuesOf } from './harness';

const yesNo = [
  { port: 'yes', next: 'next:yes' },
  { port: 'no', next: 'next:no' },
];

describe('condition-trait', () => {
  it('compiles to a trait branch', () => {
    const f = [{ path: 'address.city', op: 'equals', value: 'Hà Nội' }];
    expect(compileNode(conditionTrait, { filters: f }).steps).toEqual([
      { type: 'branch', id: 'n1', condition: { kind: 'trait', filters: f, all: true }, outputs: yesNo },
    ]);
    expect(issuesOf(conditionTrait, { filters: [] })[0]?.message).toContain('at least one rule');
  });
});

describe('condition-event-count', () => {
  it('compiles count and window', () => {
    expect(compileNode(conditionEventCount, { event: 'Product Viewed', count: 2, within: { amount: 7, unit: 'days' } }).steps?.[0]).toEqual({
      type: 'branch', id: 'n1', outputs: yesNo,
      condition: { kind: 'eventCount', event: 'Product Viewed', where: [], op: 'greaterOrEqual', count: 2, windowMs: 7 * 86_400_000 },
    });
    expect(issuesOf(conditionEventCount, { event: 'X', count: -1, within: { amount: 1, unit: 'days' } })[0]?.path).toBe('count');
  });
});

describe('condition-segment', () => {
  it('compiles', () => {
    expect(compileNode(conditionSegment, { segmentId: 'vip' }).steps?.[0]).toMatchObject({ condition: { kind: 'segment', segmentId: 'vip' }, outputs: yesNo });
  });
});

describe('condition-random-split', () => {
  it('has one port per path plus an optional holdout', () => {
    const p = conditionRandomSplit.parseConfig({ branches: [{ label: 'A', percent: 45 }, { label: 'B', percent: 45 }], holdoutPercent: 10 });
    expect(p.ok && conditionRandomSplit.portsFor(p.config)).toEqual([
      { id: 'path0', label: { vi: 'A (45%)', en: 'A (45%)' } },
      { id: 'path1', label: { vi: 'B (45%)', en: 'B (45%)' } },
      { id: 'holdout', label: { vi: 'Đối chứng (10%)', en: 'Holdout (10%)' }, optional: true },
    ]);
    expect(conditionRandomSplit.dynamicPorts).toBe(true);
  });
  it('compiles weights in port order', () => {
    expect(compileNode(conditionRandomSplit, { branches: [{ label: 'A', percent: 45 }, { label: 'B', percent: 45 }], holdoutPercent: 10 }).steps?.[0]).toEqual({
      type: 'branch', id: 'n1', condition: { kind: 'randomSplit', weights: [45, 45, 10] },
      outputs: [{ port: 'path0', next: 'next:path0' }, { port: 'path1', next: 'next:path1' }, { port: 'holdout', next: 'next:holdout' }],
    });
  });
  it('wants percentages adding up to 100', () => {
    expect(issuesOf(conditionRandomSplit, { branches: [{ label: 'A', percent: 50 }, { label: 'B', percent: 40 }] })[0]?.message).toBe(
      'The percentages add up to 90%, they must add up to 100%',
    );
    expect(issuesOf(conditionRandomSplit, { branches: [{ label: 'A', percent: 100 }] })[0]?.message).toContain('at least two');
  });
});

describe('condition-engagement', () => {
  const email = { id: 'email1', type: 'send-message', config: {}, valid: true };
  it('compiles against the message step', () => {
    expect(compileNode(conditionEngagement, { messageNodeId: 'email1', status: 'opened' }).steps?.[0]).toEqual({
      type: 'branch', id: 'n1', condition: { kind: 'engagement', stepId: 'email1', status: 'opened' }, outputs: yesNo,
    });
  });
  it('needs an existing message earlier on the path', () => {
    expect(issuesOf(conditionEngagement, { messageNodeId: 'gone' }, graphCtx([email], ['email1']))[0]?.message).toContain('not in the journey');
    expect(issuesOf(conditionEngagement, { messageNodeId: 'w' }, graphCtx([{ id: 'w', type: 'wait-delay', config: {}, valid: true }], ['w']))[0]?.message).toContain('Send message');
    expect(issuesOf(conditionEngagement, { messageNodeId: 'email1' }, graphCtx([email], []))[0]?.message).toContain('must come before');
    expect(issuesOf(conditionEngagement, { messageNodeId: 'email1' }, graphCtx([email], ['email1']))).toEqual([]);
  });
});

describe('condition-best-channel', () => {
  it('has a port per channel and a fallback', () => {
    const out = compileNode(conditionBestChannel, { channels: ['email', 'zalo'] });
    expect(out.steps?.[0]).toEqual({
      type: 'branch', id: 'n1', condition: { kind: 'bestChannel', channels: ['email', 'zalo'], minSends: 3, windowDays: 90, halfLifeDays: 30 },
      outputs: [{ port: 'email', next: 'next:email' }, { port: 'zalo', next: 'next:zalo' }, { port: 'fallback', next: 'next:fallback' }],
    });
    expect(issuesOf(conditionBestChannel, { channels: ['email', 'email'] })[0]?.message).toContain('once');
    expect(issuesOf(conditionBestChannel, { channels: ['fax'] })[0]?.path).toBe('channels.0');
    expect(issuesOf(conditionBestChannel, { channels: ['email'], minSends: 0 })[0]?.path).toBe('minSends');
  });

  it('names its fallback port for what it is: no channel reaches the customer', () => {
    const fallback = conditionBestChannel.portsFor(conditionBestChannel.configSchema.parse({ channels: ['zalo'] })).find((p) => p.id === 'fallback');
    expect(fallback?.label).toEqual({ vi: 'Không liên lạc được qua kênh nào', en: 'No reachable, subscribed channel' });
  });
});

describe('wait-usual-hour', () => {
  it('looks up the usual hour, then waits for that hour of day; the fallback waits for the configured hour', () => {
    const out = compileNode(waitUsualHour, { fallbackHour: 19 });
    const [branch, ...waits] = out.steps ?? [];
    expect(branch).toMatchObject({ type: 'branch', id: 'n1', condition: { kind: 'usualHour', windowDays: 90 } });
    const outputs = (branch as { outputs: { port: string; next: string }[] }).outputs;
    expect(outputs).toHaveLength(25);
    expect(outputs.at(-1)).toEqual({ port: 'fallback', next: 'n1:h19' });
    expect(waits.find((w) => w.id === 'n1:h23')).toEqual({
      type: 'wait', id: 'n1:h23', next: 'next:out',
      wait: { kind: 'timeWindow', from: '23:00', to: '00:00', days: [], timezone: 'customer', fallbackTimezone: 'Asia/Ho_Chi_Minh' },
    });
    expect(issuesOf(waitUsualHour, { fallbackHour: 24 })[0]?.path).toBe('fallbackHour');
    expect(issuesOf(waitUsualHour, { fallbackHour: 8, fallbackTimezone: 'Mars/Base' })[0]?.path).toBe('fallbackTimezone');
  });
});
