// What an audience step says when its audience name has no platform id: where the marketer adds
// the mapping. An installation's map lives in environment variables (the operator's job); a
// workspace's own account keeps it in the settings screen, where the marketer can fix it alone.
import type { AdPlatform } from './types';

/** Where an adapter's audience name → id map comes from. */
export type AudienceMapSource = 'environment' | 'workspace';

const ENV_VARIABLE = { facebook: 'FACEBOOK_AUDIENCES', google: 'GOOGLE_ADS_USER_LISTS' } as const;
const WHAT = {
  facebook: { vi: 'mã Custom Audience', en: 'Custom Audience id' },
  google: { vi: 'danh sách người dùng Customer Match', en: 'Customer Match user list' },
} as const;
/** The settings card's title in Vietnamese and English (apps/web channels texts). */
const CARD = {
  facebook: { vi: 'Tệp quảng cáo Facebook / Instagram', en: 'Facebook / Instagram ad audiences' },
  google: { vi: 'Google Ads Customer Match', en: 'Google Ads Customer Match' },
} as const;

/**
 * The workspace wording is said in Vietnamese first, then English: the marketer reads it in a
 * customer's trace, and the worker does not know the reader's language.
 */
export function unknownAudienceMessage(platform: Exclude<AdPlatform, 'zalo'>, name: string, source: AudienceMapSource): string {
  if (source === 'environment') return `no ${WHAT[platform].en} for "${name}": add it to ${ENV_VARIABLE[platform]}`;
  const card = CARD[platform];
  return (
    `tệp "${name}" chưa có ${WHAT[platform].vi} trong tài khoản của không gian làm việc: thêm tên tệp và mã ở Cài đặt → Kênh gửi → ${card.vi}` +
    ` / no ${WHAT[platform].en} for "${name}" in this workspace's account: add the name and its id in Settings → Channels → ${card.en}`
  );
}
