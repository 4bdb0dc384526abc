import { describe, expect, it } from 'vitest';
import { designToMjml, designToText, emailDesign, isAdvertisingSms, smsCost, stripDiacritics, withAdvertisingMark } from '../src/index';

describe('SMS cost', () => {
  it('counts plain ASCII as GSM-7, 160 characters in one segment and 153 a segment after', () => {
    expect(smsCost('a'.repeat(160))).toEqual({ characters: 160, encoding: 'GSM-7', segments: 1, unicodeCharacters: [] });
    expect(smsCost('a'.repeat(161)).segments).toBe(2);
    expect(smsCost('a'.repeat(306)).segments).toBe(2);
    expect(smsCost('a'.repeat(307)).segments).toBe(3);
  });

  it('one Vietnamese diacritic makes the whole message UCS-2: 70 characters, then 67 a segment', () => {
    const text = `Chào Toản ${'a'.repeat(60)}`;
    const cost = smsCost(text);
    expect(cost.encoding).toBe('UCS-2');
    expect(cost.characters).toBe(70);
    expect(cost.segments).toBe(1);
    // à is in the GSM-7 alphabet; ả is not.
    expect(cost.unicodeCharacters).toEqual(['ả']);
    expect(smsCost(`${text}a`).segments).toBe(2);
  });

  it('stripping the marks brings a Vietnamese text back to GSM-7', () => {
    const text = 'Chào Toản, đơn hàng ĐH-1024 của bạn đã được giao. Cảm ơn bạn đã mua sắm tại Hoa Ban Food!';
    expect(stripDiacritics(text)).toBe('Chao Toan, don hang DH-1024 cua ban da duoc giao. Cam on ban da mua sam tai Hoa Ban Food!');
    expect(smsCost(text).encoding).toBe('UCS-2');
    expect(smsCost(text).segments).toBe(2);
    expect(smsCost(stripDiacritics(text))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('an empty message costs nothing', () => {
    expect(smsCost('')).toMatchObject({ characters: 0, segments: 0 });
  });
});

describe('email blocks', () => {
  const design = emailDesign.parse({
    preheader: 'Ưu đãi cuối tuần',
    blocks: [
      { type: 'heading', text: 'Chào {{ customer.firstName }}' },
      { type: 'button', text: 'Mua ngay', href: 'https://shop.vn/?a=1&b="x"' },
      { type: 'voucher', title: 'Mã của bạn', code: '{{ voucher.code }}' },
      { type: 'products', source: 'entry.properties.items', title: 'Bạn đã xem' },
      { type: 'divider' },
    ],
  });

  it('makes MJML with the preheader, each block, and attribute values that cannot break out of their quotes', () => {
    const mjml = designToMjml(design, 'Xin chào');
    expect(mjml).toContain('<mj-preview>Ưu đãi cuối tuần</mj-preview>');
    expect(mjml).toContain('<mj-title>Xin chào</mj-title>');
    expect(mjml).toContain('href="https://shop.vn/?a=1&amp;b=&quot;x&quot;"');
    expect(mjml).toContain('{% for item in entry.properties.items limit: 12 %}');
    expect(mjml).toContain('<mj-divider');
  });

  it('makes a plain-text part from the same blocks', () => {
    const text = designToText(design);
    expect(text.split('\n\n')).toEqual([
      'Ưu đãi cuối tuần',
      'Chào {{ customer.firstName }}',
      'Mua ngay: https://shop.vn/?a=1&b="x"',
      'Mã của bạn\n{{ voucher.code }}',
      expect.stringContaining('Bạn đã xem\n{% for item in entry.properties.items'),
      '----------',
    ]);
  });

  it('refuses a product list source that is not a variable path, naming the field', () => {
    const parsed = emailDesign.safeParse({ blocks: [{ type: 'products', source: 'items %}{% raw' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['blocks', 0, 'source']);
  });
});

describe('an advertising SMS as it is paid for', () => {
  it('counts the [QC] mark Decree 91 puts in front (once), which can cost a second SMS', () => {
    const text = 'a'.repeat(156);
    expect(smsCost(text).segments).toBe(1);
    expect(withAdvertisingMark(text)).toBe(`[QC] ${text}`);
    // "[" and "]" are GSM-7 escape characters: two each.
    expect(smsCost(withAdvertisingMark(text))).toMatchObject({ characters: 163, segments: 2 });
    expect(withAdvertisingMark('QC: Giảm 20%')).toBe('QC: Giảm 20%');
  });
  it('is advertising unless transactional or declared customer care; a step without a kind is advertising', () => {
    expect(isAdvertisingSms({})).toBe(true);
    expect(isAdvertisingSms({ smsPurpose: 'advertising' })).toBe(true);
    expect(isAdvertisingSms({ smsPurpose: 'customer_care' })).toBe(false);
    expect(isAdvertisingSms({ messageType: 'transactional' })).toBe(false);
  });
});
