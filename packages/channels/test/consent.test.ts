// Consent against a real libSQL file: the send-time rule, late answers, provider signals, tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, customerIdentities, customers, migrate, subscriptionGroups, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelScope,
  checkConsent,
  customerConsent,
  recordConsent,
  recordProviderSignal,
  signUnsubscribeToken,
  smsKeyword,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from '../src/index';

describe('unsubscribe tokens', () => {
  const claim = { workspaceId: 'w1', customerId: 'c1', scope: 'g-promo', messageId: 'm1' };
  it('round-trips and refuses forged, edited or foreign tokens', () => {
    const token = signUnsubscribeToken('secret', claim);
    expect(verifyUnsubscribeToken('secret', token)).toEqual(claim);
    expect(verifyUnsubscribeToken('other-secret', token)).toBeNull();
    const [v, , mac] = token.split('.');
    // Same MAC, another customer: refused.
    const edited = Buffer.from(JSON.stringify({ w: 'w1', c: 'c2', s: 'g-promo', m: 'm1' })).toString('base64url');
    expect(verifyUnsubscribeToken('secret', `${v}.${edited}.${mac}`)).toBeNull();
    // Another workspace's key never verifies this workspace's claim.
    const moved = Buffer.from(JSON.stringify({ w: 'w2', c: 'c1', s: 'g-promo', m: 'm1' })).toString('base64url');
    expect(verifyUnsubscribeToken('secret', `${v}.${moved}.${mac}`)).toBeNull();
    for (const junk of ['', 'u1', 'u1..', 'u1.x.y', 't1.abc.def', `${token}.x`, 'u1.%%%.abc']) expect(verifyUnsubscribeToken('secret', junk)).toBeNull();
  });
  it('builds the /t/u link under the public base URL', () => {
    const url = unsubscribeUrl({ baseUrl: 'https://braid.hoaban.vn/', secret: 'secret' }, claim);
    expect(url).toMatch(/^https:\/\/braid\.hoaban\.vn\/t\/u\/u1\.[\w-]+\.[\w-]+$/);
    expect(verifyUnsubscribeToken('secret', url.split('/').pop()!)).toEqual(claim);
  });
});

describe('SMS keywords', () => {
  it('reads STOP / HỦY / START and ignores anything else', () => {
    for (const stop of ['STOP', ' stop ', 'Hủy', 'HUY', 'từ chối', 'Unsubscribe.']) expect(smsKeyword(stop)).toBe('unsubscribed');
    for (const start of ['START', 'unstop', 'Đăng ký']) expect(smsKeyword(start)).toBe('subscribed');
    for (const other of ['stop sending me that', 'ok', 'yes', '']) expect(smsKeyword(other)).toBeNull();
  });
});

describe('consent in the database', () => {
  let dir: string;
  let braid: BraidDb;
  const at = 1_800_000_000_000;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'braid-consent-'));
    braid = await createDb(`file:${join(dir, 'braid.db')}`);
    await migrate(braid.db);
    const db = braid.db;
    await db.insert(workspaces).values([
      { id: 'w1', name: 'Hoa Ban Food', createdAt: at },
      { id: 'w2', name: 'Other shop', createdAt: at },
    ]);
    await db.insert(customers).values([
      { id: 'toan', workspaceId: 'w1', traits: {}, createdAt: at, updatedAt: at },
      { id: 'lan', workspaceId: 'w1', traits: {}, createdAt: at, updatedAt: at },
      { id: 'other', workspaceId: 'w2', traits: {}, createdAt: at, updatedAt: at },
    ] as never);
    await db.insert(customerIdentities).values([
      { workspaceId: 'w1', type: 'phone', value: '+84909908089', customerId: 'toan' },
      { workspaceId: 'w2', type: 'phone', value: '+84909908089', customerId: 'other' },
    ] as never);
    await db.insert(subscriptionGroups).values([
      { id: 'promo', workspaceId: 'w1', name: 'Khuyến mãi', channel: 'email', mode: 'opt_out', createdAt: at },
      { id: 'news', workspaceId: 'w1', name: 'Bản tin', channel: 'email', mode: 'opt_in', createdAt: at + 1 },
      { id: 'zalo-promo', workspaceId: 'w1', name: 'Ưu đãi Zalo', channel: 'zalo', mode: 'opt_in', createdAt: at + 2 },
    ]);
  });
  afterAll(() => {
    braid.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (over: Partial<Parameters<typeof checkConsent>[1]> = {}) => checkConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', channel: 'email', ...over });

  it('applies group defaults: opt-out groups send, opt-in groups wait for a yes', async () => {
    expect(await ask({ groupId: 'promo' })).toMatchObject({ allowed: true });
    expect(await ask({ groupId: 'news' })).toEqual({ allowed: false, reason: 'skipped: not subscribed to "Bản tin" (opt-in group, never subscribed)' });
    // No group named: subscribed to at least one email group (promo by default).
    expect(await ask()).toMatchObject({ allowed: true });
    // A channel without groups has nothing to consent to; an unknown group refuses.
    expect(await ask({ channel: 'sms' })).toMatchObject({ allowed: true });
    expect(await ask({ groupId: 'nope' })).toMatchObject({ allowed: false, reason: expect.stringContaining('does not exist') });
    // A group of another workspace is as unknown as a made-up one.
    expect((await checkConsent(braid.db, { workspaceId: 'w2', customerId: 'other', channel: 'email', groupId: 'promo' })).allowed).toBe(false);
  });

  it('an unsubscribe blocks marketing but never a transactional message; a late older answer does not undo it', async () => {
    expect(await recordConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', scope: 'promo', status: 'unsubscribed', source: 'one_click', at: at + 100 })).toBe(true);
    expect(await recordConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', scope: 'promo', status: 'subscribed', source: 'ingest', at: at + 50 })).toBe(false);
    expect(await ask({ groupId: 'promo' })).toEqual({ allowed: false, reason: 'skipped: not subscribed to "Khuyến mãi" (unsubscribed (one_click))' });
    expect(await ask()).toMatchObject({ allowed: false, reason: expect.stringMatching(/^skipped: not subscribed to any email group/) });
    expect(await ask({ groupId: 'promo', transactional: true })).toMatchObject({ allowed: true });
    // Another customer is untouched.
    expect(await ask({ customerId: 'lan', groupId: 'promo' })).toMatchObject({ allowed: true });
    const consent = await customerConsent(braid.db, { workspaceId: 'w1', customerId: 'toan' });
    expect(consent.groups.map((g) => [g.group.name, g.status, g.explicit])).toEqual([
      ['Khuyến mãi', 'unsubscribed', true],
      ['Bản tin', 'unsubscribed', false],
      ['Ưu đãi Zalo', 'unsubscribed', false],
    ]);
  });

  it('records provider signals channel-wide for the workspace that received them only', async () => {
    expect(await recordProviderSignal(braid.db, { workspaceId: 'w1', channel: 'sms', address: '0909 908 089', status: 'unsubscribed', source: 'sms_stop', at })).toBe('toan');
    expect(await checkConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', channel: 'sms' })).toEqual({ allowed: false, reason: 'skipped: not subscribed: unsubscribed from all sms marketing (sms_stop)' });
    expect((await checkConsent(braid.db, { workspaceId: 'w2', customerId: 'other', channel: 'sms' })).allowed).toBe(true);
    expect(await recordProviderSignal(braid.db, { workspaceId: 'w1', channel: 'sms', address: '+84 900 000 000', status: 'unsubscribed', source: 'sms_stop', at })).toBeNull();
    const consent = await customerConsent(braid.db, { workspaceId: 'w1', customerId: 'toan' });
    expect(consent.channels).toEqual([{ channel: 'sms', status: 'unsubscribed', source: 'sms_stop', updatedAt: at }]);
    // START again lifts it.
    await recordConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', scope: channelScope('sms'), status: 'subscribed', source: 'sms_start', at: at + 1 });
    expect((await checkConsent(braid.db, { workspaceId: 'w1', customerId: 'toan', channel: 'sms' })).allowed).toBe(true);
  });
});
