import { describe, expect, it } from 'vitest';
import { checkTemplate, formatVnd, renderMessage, TemplateError } from '../src/index';

const data = {
  customer: { first_name: 'Toản', email: 'toan@example.vn', timezone: 'Asia/Ho_Chi_Minh' },
  event: { name: 'Checkout Started', properties: { items: [{ name: 'Bánh mì' }, { name: 'Phở' }] } },
  cart: { total: 1_700_000 },
  voucher: { code: 'HOABAN50' },
};

describe('renderMessage', () => {
  it('personalises subject and body from traits, the entry event and the voucher', async () => {
    const r = await renderMessage(
      {
        subject: 'Chào {{ customer.first_name }}, giỏ hàng của bạn đang chờ',
        body: 'Tổng: {{ cart.total | vnd }}. Mã giảm giá: {{ voucher.code }}. {% for i in event.properties.items %}{{ i.name }}{% unless forloop.last %}, {% endunless %}{% endfor %} ({{ event.properties.items.size }} món)',
      },
      data,
    );
    expect(r.subject).toBe('Chào Toản, giỏ hàng của bạn đang chờ');
    expect(r.body).toBe('Tổng: 1.700.000 ₫. Mã giảm giá: HOABAN50. Bánh mì, Phở (2 món)');
    expect(r.missingVariables).toEqual([]);
  });

  it('renders a missing trait empty and reports it', async () => {
    const r = await renderMessage({ subject: 'Hi {{ customer.last_name }}', body: '{{ customer.first_name }} {{ order.id }}' }, data);
    expect(r.subject).toBe('Hi ');
    expect(r.body).toBe('Toản ');
    expect(r.missingVariables.sort()).toEqual(['customer.last_name', 'order.id']);
  });

  it('default fills a gap the marketer anticipated', async () => {
    const r = await renderMessage({ body: 'Chào {{ customer.nickname | default: "bạn" }}' }, data);
    expect(r.body).toBe('Chào bạn');
  });

  it('formats dates in the customer timezone', async () => {
    const at = { event: { at: '2026-11-24T15:00:00Z' } };
    expect((await renderMessage({ body: '{{ event.at | date: "%d/%m/%Y %H:%M" }}' }, at)).body).toBe('24/11/2026 22:00');
    expect((await renderMessage({ body: '{{ event.at | date: "%H:%M" }}' }, at, { timezone: 'Europe/Berlin' })).body).toBe('16:00');
    expect((await renderMessage({ body: '{{ event.at | date: "%H:%M", "Asia/Tokyo" }}' }, at)).body).toBe('00:00');
  });

  it('escapes traits in HTML but not in text', async () => {
    const r = await renderMessage({ body: '{{ customer.first_name }}', html: '<p>{{ customer.first_name }}</p>' }, { customer: { first_name: '<b>Lan</b>' } });
    expect(r.body).toBe('<b>Lan</b>');
    expect(r.html).toBe('<p>&lt;b&gt;Lan&lt;/b&gt;</p>');
  });

  it('a syntax error is a TemplateError naming the field', async () => {
    const attempt = renderMessage({ subject: 'ok', body: 'Chào {% if customer.first_name %}' }, data);
    await expect(attempt).rejects.toBeInstanceOf(TemplateError);
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPLATE_SYNTAX', field: 'body' });
    await expect(renderMessage({ body: '{{ cart.total | vnđ }}' }, data)).rejects.toMatchObject({ code: 'TEMPLATE_SYNTAX' });
    expect(checkTemplate({ subject: '{{ x', body: 'fine' })).toMatchObject([{ field: 'subject', code: 'TEMPLATE_SYNTAX' }]);
    expect(checkTemplate({ body: 'fine {{ customer.first_name }}' })).toEqual([]);
  });

  it('cannot read files through include or render', async () => {
    await expect(renderMessage({ body: "{% include '/etc/passwd' %}" }, data)).rejects.toBeInstanceOf(TemplateError);
    await expect(renderMessage({ body: "{% render '../../package.json' %}" }, data)).rejects.toBeInstanceOf(TemplateError);
  });

  it('hostile templates hit a limit instead of hanging the worker', async () => {
    const loops = '{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}';
    await expect(renderMessage({ body: loops }, data)).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
    const doubling = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}";
    await expect(renderMessage({ body: doubling }, data)).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
    await expect(renderMessage({ body: 'x'.repeat(200_000) }, data)).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
  }, 30_000);
});

describe('vnd', () => {
  it('groups thousands with dots and appends ₫', () => {
    expect(formatVnd(1_700_000)).toBe('1.700.000 ₫');
    expect(formatVnd('250000')).toBe('250.000 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
    expect(formatVnd(49_999.6)).toBe('50.000 ₫');
    expect(formatVnd(-15_000)).toBe('-15.000 ₫');
    expect(formatVnd(undefined)).toBe('');
    expect(formatVnd('miễn phí')).toBe('miễn phí');
  });
});

describe('render time limit', () => {
  it('a loop that allocates little but runs long is stopped too', async () => {
    const slow = '{% for i in (1..400) %}{% for j in (1..400) %}{% for k in (1..400) %}{% if k == 0 %}x{% endif %}{% endfor %}{% endfor %}{% endfor %}';
    await expect(renderMessage({ body: slow }, {})).rejects.toMatchObject({ code: 'TEMPLATE_LIMIT' });
  }, 60_000);
});
