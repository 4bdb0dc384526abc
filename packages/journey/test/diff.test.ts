// The reviewer's diff: field-level changes, added / removed steps, rewired paths; layout is not content.
import { describe, expect, it } from 'vitest';
import { welcomeSeries } from '../fixtures';
import { diffJourneyGraphs, sameJourneyContent } from '../src/index';
import { clone } from './helpers';

describe('diffJourneyGraphs', () => {
  it('sees no change when only positions, edge ids, order and key order differ', () => {
    const moved = clone(welcomeSeries);
    moved.nodes.reverse();
    for (const n of moved.nodes) n.position = { x: n.position.x + 40, y: n.position.y - 10 };
    moved.edges = moved.edges.map((e, i) => ({ ...e, id: `x${i}` })).reverse();
    const wait = moved.nodes.find((n) => n.id === 'wait-2-days')!;
    const d = (wait.config as { duration: { amount: number; unit: string } }).duration;
    wait.config = { duration: { unit: d.unit, amount: d.amount } };
    expect(diffJourneyGraphs(welcomeSeries, moved)).toEqual({ added: [], removed: [], changed: [], rewired: [], same: true });
    expect(sameJourneyContent(welcomeSeries, moved)).toBe(true);
  });

  it('lists each changed field with its old and new value, the added and removed steps and rewired ports', () => {
    const next = clone(welcomeSeries);
    const wait = next.nodes.find((n) => n.id === 'wait-2-days')!;
    wait.config = { duration: { amount: 3, unit: 'days' } };
    const email = next.nodes.find((n) => n.id === 'tips-email')!;
    email.config = { ...(email.config as object), subject: 'Mẹo mới' };
    email.label = 'New tips';
    next.nodes = next.nodes.filter((n) => n.id !== 'welcome-zalo');
    next.nodes.push({ id: 'sms', type: 'send-message', typeVersion: 1, config: { channel: 'sms', body: 'Hi' }, position: { x: 0, y: 0 } });
    next.edges = next.edges.filter((e) => e.source !== 'welcome-zalo' && e.target !== 'welcome-zalo');
    next.edges.push({ id: 'n1', source: 'opened-welcome', sourcePort: 'no', target: 'sms' }, { id: 'n2', source: 'sms', sourcePort: 'out', target: 'wait-3-days' });

    const diff = diffJourneyGraphs(welcomeSeries, next);
    expect(diff.same).toBe(false);
    expect(diff.added).toEqual([{ nodeId: 'sms', type: 'send-message' }]);
    expect(diff.removed).toEqual([{ nodeId: 'welcome-zalo', type: 'send-message' }]);
    expect(diff.changed).toEqual([
      { nodeId: 'wait-2-days', type: 'wait-delay', fields: [{ field: 'duration', before: { amount: 2, unit: 'days' }, after: { amount: 3, unit: 'days' } }] },
      {
        nodeId: 'tips-email',
        type: 'send-message',
        fields: [
          { field: '$label', before: 'Tips email', after: 'New tips' },
          { field: 'subject', before: 'Mẹo chọn đặc sản cho gia đình', after: 'Mẹo mới' },
        ],
      },
    ]);
    expect(diff.rewired).toEqual([{ nodeId: 'opened-welcome', port: 'no', before: ['welcome-zalo'], after: ['sms'] }]);
  });
});
