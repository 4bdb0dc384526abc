import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { skipReason } from './BroadcastProgress';

describe('why a broadcast skipped a member', () => {
  it('is said in the UI language, never as the server’s English detail', async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } } });
    expect(skipReason('reentry: this journey lets a customer in only once', i18n.t)).toBe('quy tắc vào lại');
    expect(skipReason('alreadyIn: the customer is in this journey now', i18n.t)).toBe('đã ở trong hành trình');
    expect(skipReason('something new', i18n.t)).toBe('lý do khác');
    await i18n.changeLanguage('en');
    expect(skipReason('entryLimit: at most 1 entries', i18n.t)).toBe('the entry limit');
  });
});
