import { describe, expect, it } from 'vitest';
import { adAudience, createStaffTask, exitCriteria, exitJourney, goal, issueVoucher, sendMessage, updateProfile } from '../src/index';
import { compileNode, graphCtx, issuesOf } from './harness';

describe('send-message', () => {
  const email = { channel: 'email', subject: 'Hoa Ban Food xin chào {{ customer.firstName }}', body: 'Giỏ hàng: {{ entry.properties.product_name }}' };
  it('compiles to an action on the channel', () => {
    expect(compileNode(sendMessage, email).steps).toEqual([
      {
        type: 'action', id: 'n1', kind: 'send-message', channel: 'email', next: 'next:out', onFailure: { kind: 'continue' },
        config: { ...email, webhookUrl: '', onFailure: 'continue', messageType: 'marketing', subscriptionGroupId: '', messengerTag: '', znsTemplateId: '', znsParams: {}, email: { blocks: [], preheader: '', fromName: '', fromAddress: '' }, smsStripDiacritics: false },
      },
    ]);
  });
  it('asks for subject on email and a URL for webhooks', () => {
    expect(issuesOf(sendMessage, { ...email, subject: '' })).toEqual([{ path: 'subject', message: 'An email needs a subject' }]);
    expect(issuesOf(sendMessage, { channel: 'webhook', body: '{}' })[0]?.path).toBe('webhookUrl');
    expect(issuesOf(sendMessage, { channel: 'sms', body: ' ' })[0]).toEqual({ path: 'body', message: 'Write the message' });
    expect(issuesOf(sendMessage, { channel: 'sms', smsPurpose: 'customer_care', body: 'hi' })).toEqual([]);
  });
  it('wants the SMS kind of every SMS step, named by its step, in both languages; other channels never ask', () => {
    // No kind is chosen for a new step: the marketer decides whether Decree 91 applies.
    expect(sendMessage.defaultConfig).not.toHaveProperty('smsPurpose');
    const named = graphCtx([{ id: 'n1', type: 'send-message', config: {}, valid: true, label: 'SMS mời showroom' }]);
    expect(issuesOf(sendMessage, { channel: 'sms', body: 'hi' }, named)).toEqual([{ path: 'smsPurpose', message: '"SMS mời showroom": pick the SMS kind (advertising under Decree 91, or customer care) before publishing' }]);
    expect(issuesOf(sendMessage, { channel: 'sms', body: 'hi' }, named, 'vi')[0]?.message).toBe('"SMS mời showroom": hãy chọn loại SMS (quảng cáo theo Nghị định 91, hoặc chăm sóc khách hàng) trước khi xuất bản');
    // A step without a name is named by its id.
    expect(issuesOf(sendMessage, { channel: 'sms', body: 'hi' })[0]?.message).toMatch(/^"n1": /);
    expect(issuesOf(sendMessage, { channel: 'sms', smsPurpose: 'advertising', body: 'hi' })).toEqual([]);
    expect(issuesOf(sendMessage, { channel: 'sms', smsPurpose: 'promotion', body: 'hi' })).toEqual([{ path: 'smsPurpose', message: 'Pick the SMS kind: advertising or customer care' }]);
    expect(issuesOf(sendMessage, { channel: 'zalo', body: 'hi' })).toEqual([]);
  });
  it('migrates v1 { message } to body', () => {
    expect(sendMessage.upgradeConfig(1, { channel: 'sms', message: 'Xin chào' })).toMatchObject({ ok: true, config: { channel: 'sms', body: 'Xin chào' } });
  });
  it('summarises', () => {
    const p = sendMessage.parseConfig({ channel: 'zalo', body: 'x' });
    expect(p.ok && sendMessage.summary(p.config).en).toBe('Send Zalo');
  });
});

describe('update-profile', () => {
  it('compiles and wants at least one field', () => {
    expect(compileNode(updateProfile, { set: { abandoned_cart: true } }).steps?.[0]).toMatchObject({ kind: 'update-profile', config: { set: { abandoned_cart: true }, unset: [] } });
    expect(issuesOf(updateProfile, {})[0]?.path).toBe('set');
  });
});

describe('ad-audience', () => {
  it('compiles platforms and operation', () => {
    expect(compileNode(adAudience, { platforms: ['facebook', 'zalo', 'google'], audience: '99k offer' }).steps?.[0]).toMatchObject({
      kind: 'ad-audience', config: { operation: 'add', platforms: ['facebook', 'zalo', 'google'], audience: '99k offer' },
    });
    expect(issuesOf(adAudience, { platforms: [], audience: 'x' })[0]?.message).toContain('ad platform');
    expect(issuesOf(adAudience, { platforms: ['tiktok'], audience: 'x' })[0]?.path).toBe('platforms.0');
  });
});

describe('issue-voucher', () => {
  it('compiles with the voucher output variable', () => {
    expect(compileNode(issueVoucher, { amount: 99_000, prefix: 'HOABAN' }).steps?.[0]).toMatchObject({
      kind: 'issue-voucher', outputVariable: 'voucher', config: { discountType: 'amount', amount: 99_000, currency: 'VND', prefix: 'HOABAN' },
    });
    expect(issueVoucher.templateVariable).toBe('voucher');
  });
  it('explains a voucher without value or with a bad prefix', () => {
    expect(issuesOf(issueVoucher, {})[0]?.path).toBe('amount');
    expect(issuesOf(issueVoucher, { discountType: 'percent' })[0]?.path).toBe('percent');
    expect(issuesOf(issueVoucher, { amount: 1, prefix: 'hoa ban' })[0]?.path).toBe('prefix');
  });
  it('summarises in VND', () => {
    const p = issueVoucher.parseConfig({ amount: 99_000 });
    expect(p.ok && issueVoucher.summary(p.config).en).toBe('Issue a 99.000 ₫ voucher, valid 14 days');
  });
});

describe('create-staff-task', () => {
  it('compiles', () => {
    expect(compileNode(createStaffTask, { kind: 'call', title: 'Call {{ customer.firstName }} about wild honey' }).steps?.[0]).toMatchObject({ kind: 'create-staff-task' });
    expect(issuesOf(createStaffTask, { title: '' })[0]?.path).toBe('title');
  });
});

describe('exit', () => {
  it('compiles to an end step and has no ports', () => {
    expect(compileNode(exitJourney, { reason: 'Bought' }).steps).toEqual([{ type: 'end', id: 'n1', reason: 'Bought' }]);
    expect(exitJourney.portsFor({ reason: '' })).toEqual([]);
  });
});

describe('goal', () => {
  it('compiles exit or jump', () => {
    expect(compileNode(goal, { event: 'Order Completed' }).goal).toEqual({
      match: { event: 'Order Completed', where: [] }, windowMs: 30 * 86_400_000, onConvert: { kind: 'exit' },
    });
    expect(compileNode(goal, { event: 'Order Completed', onConvert: 'jump' }).goal?.onConvert).toEqual({ kind: 'goto', stepId: 'next:converted' });
  });
  it('has the after-converting port only when jumping', () => {
    expect(goal.portsFor({ event: 'x', where: [], window: { amount: 1, unit: 'days' }, onConvert: 'exit' })).toEqual([]);
    expect(goal.portsFor({ event: 'x', where: [], window: { amount: 1, unit: 'days' }, onConvert: 'jump' })).toHaveLength(1);
  });
});

describe('exit-criteria', () => {
  it('compiles every event', () => {
    expect(compileNode(exitCriteria, { events: [{ event: 'Unsubscribed' }, { event: 'Order Refunded', where: [] }] }).exitCriteria).toEqual([
      { match: { event: 'Unsubscribed', where: [] } },
      { match: { event: 'Order Refunded', where: [] } },
    ]);
    expect(issuesOf(exitCriteria, { events: [] })[0]?.path).toBe('events');
  });
});
