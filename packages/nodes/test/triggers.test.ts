import { describe, expect, it } from 'vitest';
import { triggerDate, triggerEvent, triggerManual, triggerSegment } from '../src/index';
import { compileNode, issuesOf } from './harness';

describe('trigger-event', () => {
  it('compiles to an event trigger with re-entry and entry limit', () => {
    const out = compileNode(triggerEvent, {
      event: 'Product Added',
      where: [{ path: 'price', op: 'greaterThan', value: 0 }],
      reentry: { mode: 'everyTime', minGap: { amount: 1, unit: 'days' } },
      entryLimit: { max: 2, per: { amount: 7, unit: 'days' } },
    });
    expect(out).toEqual({
      trigger: {
        kind: 'event',
        match: { event: 'Product Added', where: [{ path: 'price', op: 'greaterThan', value: 0 }] },
        reentry: { mode: 'everyTime', minGapMs: 86_400_000 },
        entryLimit: { max: 2, periodMs: 7 * 86_400_000 },
      },
      start: 'next:out',
    });
  });
  it('defaults re-entry to "again after exit" and asks for the event name', () => {
    expect(compileNode(triggerEvent, { event: 'X' }).trigger).toMatchObject({ reentry: { mode: 'afterExit' }, entryLimit: null });
    expect(issuesOf(triggerEvent, { event: ' ' })[0]).toMatchObject({ path: 'event', message: expect.stringContaining('Name the event') });
    expect(issuesOf(triggerEvent, { event: 'X', where: [{ path: 'a', op: 'equals', value: { ref: 'entry.properties.a' } }] })[0]?.path).toBe('where.0.value');
  });
  it('summarises for the canvas', () => {
    const p = triggerEvent.parseConfig({ event: 'Product Added', where: [{ path: 'price', op: 'greaterThan', value: 0 }] });
    expect(p.ok && triggerEvent.summary(p.config).en).toBe('When Product Added happens where price is more than 0');
  });
  it('has no migrations yet', () => {
    expect(triggerEvent.upgradeConfig(1, { event: 'A' }).ok).toBe(true);
    expect(triggerEvent.upgradeConfig(0, { event: 'A' }).ok).toBe(false);
  });
});

describe('trigger-segment', () => {
  it('compiles and validates', () => {
    expect(compileNode(triggerSegment, { segmentId: 'lapsed-90' }).trigger).toEqual({
      kind: 'segmentEntered', segmentId: 'lapsed-90', reentry: { mode: 'afterExit' }, entryLimit: null,
    });
    expect(issuesOf(triggerSegment, {})[0]?.path).toBe('segmentId');
  });
});

describe('trigger-date', () => {
  it('compiles birthdays with an offset', () => {
    expect(compileNode(triggerDate, { trait: 'birthday', offsetDays: -3, reentry: { mode: 'everyTime' } }).trigger).toEqual({
      kind: 'dateAttribute', trait: 'birthday', recurrence: 'yearly', offsetDays: -3, atTime: '09:00',
      reentry: { mode: 'everyTime', minGapMs: 0 }, entryLimit: null,
    });
  });
  it('explains a yearly date that can only enter once, and bad times', () => {
    expect(issuesOf(triggerDate, { trait: 'birthday', reentry: { mode: 'once' } })[0]?.path).toBe('reentry');
    expect(issuesOf(triggerDate, { trait: 'birthday', atTime: '25:00' })[0]?.path).toBe('atTime');
    expect(issuesOf(triggerDate, { trait: 'birthday', offsetDays: 400 })[0]?.path).toBe('offsetDays');
  });
  it('summarises', () => {
    const p = triggerDate.parseConfig({ trait: 'birthday', offsetDays: -3, reentry: { mode: 'everyTime' } });
    expect(p.ok && triggerDate.summary(p.config).en).toBe('3 days before birthday every year at 09:00');
  });
});

describe('trigger-manual', () => {
  it('compiles', () => {
    expect(compileNode(triggerManual, { reentry: { mode: 'once' } })).toEqual({
      trigger: { kind: 'manual', reentry: { mode: 'once' }, entryLimit: null }, start: 'next:out',
    });
    expect(issuesOf(triggerManual, { reentry: { mode: 'sometimes' } })[0]?.path).toBe('reentry.mode');
  });
});
