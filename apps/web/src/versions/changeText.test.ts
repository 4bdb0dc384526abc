import { describe, expect, it } from 'vitest';
import { fieldLabel, formatValue, textOf } from './changeText';

const t = (key: string, o?: Record<string, unknown>) => (o && 'count' in o ? `${key}:${String(o.count)}` : key);
const type = {
  form: {
    channel: { label: { vi: 'Kênh', en: 'Channel' }, widget: 'select', options: [{ value: 'sms', label: { vi: 'Tin nhắn SMS', en: 'SMS' } }] },
    subject: { label: 'Subject', widget: 'text' },
  },
} as never;

describe('change texts', () => {
  it('reads labels from form hints in the current language, plain or per language', () => {
    expect(fieldLabel(type, 'channel', 'vi', t)).toBe('Kênh');
    expect(fieldLabel(type, 'channel', 'en', t)).toBe('Channel');
    expect(fieldLabel(type, 'subject', 'vi', t)).toBe('Subject');
    expect(fieldLabel(type, '$label', 'vi', t)).toBe('review.stepName');
    expect(fieldLabel(type, 'unknown', 'vi', t)).toBe('unknown');
    expect(textOf({ vi: 'a', en: 'b' }, 'en')).toBe('b');
  });

  it('words values the way the form shows them', () => {
    const hint = (type as { form: Record<string, never> }).form.channel;
    expect(formatValue('sms', hint, 'vi', t)).toBe('Tin nhắn SMS');
    expect(formatValue({ amount: 2, unit: 'days' }, undefined, 'vi', t)).toBe('review.unit.days:2');
    expect(formatValue(true, undefined, 'vi', t)).toBe('panel.yes');
    expect(formatValue(null, undefined, 'vi', t)).toBe('review.empty');
    expect(formatValue('Chào bạn', undefined, 'vi', t)).toBe('“Chào bạn”');
    expect(formatValue('x'.repeat(300), undefined, 'vi', t)).toHaveLength(120);
    expect(formatValue({ a: 1 }, undefined, 'vi', t)).toBe('{"a":1}');
  });
});
