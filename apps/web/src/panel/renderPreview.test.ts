import { describe, expect, it } from 'vitest';
import { renderPreview } from './renderPreview';

const data = { customer: { firstName: 'Toản' }, entry: { name: 'Product Added', properties: { price: -5000 } } };

describe('renderPreview (same rules as the send)', () => {
  it('renders traits and prices', async () => {
    expect(await renderPreview('{{ customer.firstName }}: {{ 1700000 | vnd }}', data)).toEqual({ ok: true, text: 'Toản: 1.700.000 ₫' });
  });

  it('keeps the sign of a negative amount, as the email will', async () => {
    expect(await renderPreview('{{ entry.properties.price | vnd }}', data)).toEqual({ ok: true, text: '-5.000 ₫' });
  });

  it('shows an unknown filter as an error, since the send refuses it', async () => {
    const r = await renderPreview('{{ customer.firstName | shout }}', data);
    expect(r.ok).toBe(false);
  });

  it('stops a runaway loop instead of freezing the tab', async () => {
    const r = await renderPreview('{% for i in (1..100000000) %}x{% endfor %}', data);
    expect(r.ok).toBe(false);
  });
});
