import { describe, expect, it } from 'vitest';
import { customersMoved, planToSend, type MigrationOptions } from './migration';

const options: MigrationOptions = {
  toVersion: 3,
  ready: true,
  targets: [],
  versions: [
    { version: 2, customers: 7, steps: [{ stepId: 'order', label: null, type: 'wait-for-event', waits: 'event', customers: 5, suggested: 'order' }, { stepId: 'send', label: null, type: 'send-message', waits: null, customers: 2, suggested: null }] },
    { version: 1, customers: 4, steps: [{ stepId: 'cool', label: null, type: 'wait-delay', waits: 'timer', customers: 4, suggested: null }] },
  ],
};

describe('migration plan in the publish dialog', () => {
  it('counts the customers at mapped steps of versions set to move', () => {
    expect(customersMoved(options, { versions: [{ version: 2, action: 'move', steps: { order: 'order' } }, { version: 1, action: 'stay', steps: { cool: 'cool' } }] })).toBe(5);
    expect(customersMoved(options, null)).toBe(0);
  });

  it('sends only versions that move someone; a plan where everyone stays is no plan', () => {
    expect(planToSend({ versions: [{ version: 2, action: 'stay', steps: { order: 'order' } }, { version: 1, action: 'move', steps: {} }] })).toBeUndefined();
    expect(planToSend({ versions: [{ version: 2, action: 'move', steps: { order: 'order' } }, { version: 1, action: 'stay', steps: {} }] })).toEqual({ versions: [{ version: 2, action: 'move', steps: { order: 'order' } }] });
  });
});
