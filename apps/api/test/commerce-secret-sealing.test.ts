// Shops' signing secrets at rest, over real HTTP on a real libSQL file with BRAID_SECRETS_KEY set:
// stored sealed (never the secret's text), deliveries signed with the secret still verify, the
// owner can still show it, and a row stored in plain text before sealing is read and sealed in place.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let previousKey: string | undefined;
const SECRET = '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';

beforeAll(async () => {
  previousKey = process.env.BRAID_SECRETS_KEY;
  process.env.BRAID_SECRETS_KEY = Buffer.alloc(32, 11).toString('base64');
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
  if (previousKey === undefined) delete process.env.BRAID_SECRETS_KEY;
  else process.env.BRAID_SECRETS_KEY = previousKey;
});

async function storedSecret(id: string): Promise<string> {
  const r = await api.db.client.execute({ sql: 'SELECT secret FROM commerce_sources WHERE id = ?', args: [id] });
  return String(r.rows[0]!.secret);
}

async function deliver(url: string, secret: string) {
  const body = JSON.stringify({ id: Date.now(), email: 'lan@hoaban.vn', total_price: '350000.00', currency: 'VND', line_items: [{ title: 'Mắc Khén', quantity: 1, price: '350000.00' }] });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Shopify-Hmac-Sha256': createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      'X-Shopify-Topic': 'orders/create',
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-Triggered-At': new Date().toISOString(),
    },
    body,
  });
  return res.status;
}

describe('commerce source secrets at rest', () => {
  it('stores the secret sealed; deliveries signed with it verify; a wrong one is refused; the owner can show it', async () => {
    const res = await api.admin('/api/commerce-sources', { method: 'POST', body: JSON.stringify({ platform: 'shopify', name: 'Hoa Ban web', secret: SECRET }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; webhookUrl: string; secret: string; secretHint: string };
    expect(created.secret).toBe(SECRET);
    expect(created.secretHint).toBe('7c6a');
    const stored = await storedSecret(created.id);
    expect(stored.startsWith('sealed:v1.')).toBe(true);
    expect(stored).not.toContain(SECRET);
    expect(await deliver(created.webhookUrl, SECRET)).toBe(200);
    expect(await deliver(created.webhookUrl, 'shpss_not_the_right_key_at_all_00')).toBe(401);
    expect(await (await api.admin(`/api/commerce-sources/${created.id}/secret`)).json()).toEqual({ secret: SECRET });
    // A sealed value copied onto another source does not open there: its webhook refuses all.
    const other = (await (await api.admin('/api/commerce-sources', { method: 'POST', body: JSON.stringify({ platform: 'haravan', name: 'Haravan' }) })).json()) as { id: string };
    await api.db.client.execute({ sql: 'UPDATE commerce_sources SET secret = ? WHERE id = ?', args: [stored, other.id] });
    const refused = await api.admin(`/api/commerce-sources/${other.id}/secret`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('secret');
    expect(await deliver(`${created.webhookUrl.replace(created.id, other.id)}`, SECRET)).toBe(401);
  });

  it('reads a row stored in plain text before sealing, and seals it in place', async () => {
    const created = (await (await api.admin('/api/commerce-sources', { method: 'POST', body: JSON.stringify({ platform: 'sapo', name: 'Sapo', secret: SECRET }) })).json()) as { id: string; webhookUrl: string };
    // As an older Braid left it.
    await api.db.client.execute({ sql: 'UPDATE commerce_sources SET secret = ? WHERE id = ?', args: [SECRET, created.id] });
    const body = JSON.stringify({ id: 77, email: 'minh@hoaban.vn', total_price: '120000', currency: 'VND', line_items: [] });
    const res = await fetch(created.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Sapo-Hmac-Sha256': createHmac('sha256', SECRET).update(body, 'utf8').digest('base64'), 'X-Sapo-Topic': 'orders/create', 'X-Sapo-Webhook-Id': randomUUID() },
      body,
    });
    expect(res.status).toBe(200);
    expect((await storedSecret(created.id)).startsWith('sealed:v1.')).toBe(true);
    expect(await (await api.admin(`/api/commerce-sources/${created.id}/secret`)).json()).toEqual({ secret: SECRET });
  });
});
