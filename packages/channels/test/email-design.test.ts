import { describe, expect, it } from 'vitest';
import { designToMjml, designToText, emailDesign } from '@braid/nodes';
import { compileMjml, EmailDesignError, renderEmailDesign } from '../src/index';

const design = emailDesign.parse({
  preheader: 'Ưu đãi cuối tuần cho {{ customer.firstName }}',
  blocks: [
    { type: 'heading', text: 'Chào {{ customer.firstName }}' },
    { type: 'text', text: 'Cảm ơn bạn đã ghé Hoa Ban Food.\nHẹn gặp lại!' },
    { type: 'image', src: 'https://shop.vn/banner.png', alt: 'Banner', href: 'https://shop.vn' },
    { type: 'button', text: 'Mua ngay', href: 'https://shop.vn/sale?c={{ customer.id }}' },
    { type: 'divider' },
    { type: 'voucher', title: 'Mã của bạn', code: '{{ voucher.code }}' },
    { type: 'products', source: 'entry.properties.items', title: 'Bạn đã xem' },
  ],
});

const data = {
  customer: { id: 'c1', firstName: 'Toản <script>alert(1)</script>' },
  voucher: { code: 'HB-2024' },
  entry: { properties: { items: [{ name: 'Trà sen', price: 120000, url: 'https://shop.vn/tra' }, { name: 'Bánh <b>pía</b>', price: 45000 }] } },
};

describe('email design → HTML', () => {
  it('compiles the blocks with MJML into responsive HTML, personalised per customer', async () => {
    const email = await renderEmailDesign(designToMjml(design, 'Xin chào'), designToText(design), data);
    // MJML's responsive output: a mobile media query and the column classes it sizes.
    expect(email.html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(email.html).toContain('mj-column-per-100');
    expect(email.html).toContain('Ưu đãi cuối tuần cho Toản');
    expect(email.html).toContain('HB-2024');
    expect(email.html).toContain('href="https://shop.vn/sale?c=c1"');
    expect(email.html).toContain('Trà sen');
    expect(email.html).toContain('120.000');
    expect(email.html).not.toContain('{{');
    expect(email.html).not.toContain('{%');
  });

  it('escapes customer data in the HTML but keeps it as written in the text part', async () => {
    const email = await renderEmailDesign(designToMjml(design), designToText(design), data);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Toản &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Bánh &lt;b&gt;pía&lt;/b&gt;');
    expect(email.text).toContain('Chào Toản <script>alert(1)</script>');
    expect(email.text).toContain('- Trà sen: 120.000');
    expect(email.text).toContain('Mua ngay: https://shop.vn/sale?c=c1');
  });

  it('lists the variables a customer has no value for', async () => {
    const email = await renderEmailDesign(designToMjml(design), designToText(design), { customer: { id: 'c2' }, entry: { properties: {} } });
    expect(email.missingVariables).toEqual(expect.arrayContaining(['customer.firstName', 'voucher.code']));
  });

  it('refuses MJML it cannot compile, saying why', () => {
    expect(() => compileMjml('<mjml><mj-body><mj-unknown /></mj-body></mjml>')).toThrow(EmailDesignError);
  });
});
