import { describe, expect, it } from 'vitest';
import { conditionConsent, sendMessage } from '../src/index';
import { compileNode, issuesOf } from './harness';

describe('condition-consent', () => {
  it('compiles to a consent branch with yes / no', () => {
    expect(compileNode(conditionConsent, { channel: 'email', groupId: ' g-promo ' }).steps).toEqual([
      {
        type: 'branch',
        id: 'n1',
        condition: { kind: 'consent', channel: 'email', groupId: 'g-promo' },
        outputs: [
          { port: 'yes', next: 'next:yes' },
          { port: 'no', next: 'next:no' },
        ],
      },
    ]);
    expect(compileNode(conditionConsent, { channel: 'zalo' }).steps?.[0]).toMatchObject({ condition: { kind: 'consent', channel: 'zalo', groupId: '' } });
  });
  it('refuses a channel nobody can consent to', () => {
    expect(issuesOf(conditionConsent, { channel: 'webhook' })[0]?.path).toBe('channel');
  });
});

describe('send-message consent fields', () => {
  it('marks transactional messages and names the subscription group', () => {
    const step = compileNode(sendMessage, { channel: 'email', subject: 'Đơn hàng', body: 'Đơn của bạn đã giao', messageType: 'transactional' }).steps?.[0];
    expect(step).toMatchObject({ config: { messageType: 'transactional', subscriptionGroupId: '' } });
    expect(issuesOf(sendMessage, { channel: 'sms', body: 'hi', messageType: 'urgent' })[0]?.path).toBe('messageType');
  });
});
