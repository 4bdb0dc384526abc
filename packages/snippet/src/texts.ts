// The snippet's own words; everything else a visitor reads comes from the journey's message.
const TEXTS = {
  vi: { close: 'Đóng', use: 'Dùng ưu đãi', copy: 'Sao chép mã', copied: 'Đã sao chép', code: 'Mã ưu đãi' },
  en: { close: 'Close', use: 'Use the offer', copy: 'Copy code', copied: 'Copied', code: 'Coupon code' },
};

export type Texts = (typeof TEXTS)['vi'];

/** Vietnamese unless the shop says otherwise (`lang` option, or an English page). */
export function textsFor(lang: string | undefined): Texts {
  const chosen = (lang ?? document.documentElement.lang ?? 'vi').toLowerCase();
  return chosen.startsWith('en') ? TEXTS.en : TEXTS.vi;
}
