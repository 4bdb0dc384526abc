// The customer trace and the test run say what happened in the UI language: outcomes, message
// statuses and the engine's English reasons are re-worded; the marketer's exit reasons stay.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { editorEn, editorVi } from './editor';
import { channelText, elapsedText, messageStatusText, outcomeText, reasonText } from './journeyWords';

beforeAll(async () => {
  await i18next.init({ lng: 'vi', resources: { vi: { translation: { editorText: editorVi } }, en: { translation: { editorText: editorEn } } }, interpolation: { escapeValue: false } });
});

describe('journey words', () => {
  it('says outcomes, statuses and channels in Vietnamese', async () => {
    await i18next.changeLanguage('vi');
    expect(outcomeText('entered')).toBe('đã vào');
    expect(outcomeText('exited')).toBe('rời hành trình');
    expect(messageStatusText('opened')).toBe('đã mở');
    expect(channelText('web')).toBe('Tin trên website');
    expect(elapsedText(3 * 86_400_000)).toBe('3 ngày');
  });

  it('re-words the engine reasons it knows and keeps exit reasons', async () => {
    await i18next.changeLanguage('vi');
    expect(reasonText('left', 'timed out waiting for Checkout Started')).toBe('chờ “Checkout Started” đến hết thời gian');
    expect(reasonText('left', 'happened: Order Completed')).toBe('“Order Completed” đã xảy ra');
    expect(reasonText('left', 'engagement opened → no (no)', (p) => (p === 'no' ? 'Không' : p))).toBe('đi theo nhánh “Không”');
    expect(reasonText('exited', 'Không ở gần showroom')).toBe('Không ở gần showroom');
    expect(reasonText('exited', 'exit criteria: Unsubscribed')).toBe('rời hành trình vì “Unsubscribed” đã xảy ra');
    // Step kinds are engine words, not the marketer's: not shown.
    expect(reasonText('entered', 'wait')).toBeNull();
    expect(reasonText('left', 'something new')).toBeNull();
  });

  it('has every word in English too', async () => {
    await i18next.changeLanguage('en');
    expect(outcomeText('converted')).toBe('reached the goal');
    expect(messageStatusText('postponed')).toBe('postponed');
    expect(reasonText('left', 'wait over')).toBe('wait over');
  });
});
