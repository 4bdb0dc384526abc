// Liquid preview errors come from the real engine in English; the panel shows them in the UI
// language from the core's code and params, saying where in the template they are.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { testRunTextEn, testRunTextVi } from '../i18n/testRunTexts';
import { liquidProblemText } from './liquidProblemText';
import { renderPreview } from './renderPreview';

beforeAll(async () => {
  await i18next.init({ lng: 'vi', resources: { vi: { translation: { testRunText: testRunTextVi } }, en: { translation: { testRunText: testRunTextEn } } }, interpolation: { escapeValue: false } });
});

const data = { customer: { firstName: 'Toản' }, entry: { name: 'Product Added', properties: {} } };

async function problem(source: string) {
  const r = await renderPreview(source, data);
  if (r.ok) throw new Error(`rendered: ${r.text}`);
  return r.problem;
}

describe('Liquid preview problems', () => {
  it('reads the engine’s errors into codes and params', async () => {
    expect(await problem('{{ customer.firstName | shout }}')).toMatchObject({ code: 'unknownFilter', params: { name: 'shout', line: '1', col: '1' } });
    expect(await problem('Chào {{ customer.firstName ')).toMatchObject({ code: 'outputNotClosed' });
    expect(await problem('{% iff x %}{% endif %}')).toMatchObject({ code: 'unknownTag', params: { name: 'iff' } });
    expect(await problem('{% if customer.vip %}VIP')).toMatchObject({ code: 'tagNotClosed', params: { tag: '{% if customer.vip %}' } });
    expect(await problem('{{ "a" | append: }}')).toMatchObject({ code: 'filterArguments', params: { name: 'append' } });
    expect(await problem('{% for i in (1..100000000) %}x{% endfor %}')).toMatchObject({ code: expect.stringMatching(/^(tooSlow|tooMuchMemory)$/) });
    expect(await problem('x'.repeat(100_001))).toMatchObject({ code: 'tooLong' });
    expect(await problem('{% assign = 1 %}')).toMatchObject({ code: 'syntax', params: { line: '1', col: '11' } });
  });

  it('words them in Vietnamese, and in English when chosen', async () => {
    await i18next.changeLanguage('vi');
    expect(liquidProblemText(await problem('{{ customer.firstName | shout }}'))).toBe('Không có bộ lọc “shout”: kiểm tra chính tả (vd. vnd, upcase, default) (dòng 1, cột 1)');
    expect(liquidProblemText(await problem('Chào {{ customer.firstName '))).toBe('Có {{ chưa đóng bằng }} (dòng 1, cột 6)');
    expect(liquidProblemText(await problem('{% assign = 1 %}'))).toBe('Mẫu viết sai cú pháp Liquid (dòng 1, cột 11)');
    await i18next.changeLanguage('en');
    expect(liquidProblemText(await problem('{% if customer.vip %}VIP'))).toBe('{% if customer.vip %} is not closed: add its end tag (line 1, column 1)');
    await i18next.changeLanguage('vi');
  });
});
