// Texts of the website card (settings → shops) in English and Vietnamese (the default), added to
// the app's i18next resources under `website.`.
import i18next from 'i18next';

export const websiteEn = {
  title: 'Your website',
  intro: 'Paste the snippet into the <head> of every page: visits and actions arrive as events, journeys show on-site popups with coupons there, and visitors can allow notifications.',
  origins: 'Domains allowed to use the snippet',
  originsHelp: 'One per line, with https:// (for example https://hoabanfood.vn). Pages anywhere else are refused.',
  badLine: 'Line {{line}} is not a domain: write it like https://hoabanfood.vn',
  save: 'Save domains',
  saved: 'Saved.',
  snippet: 'Snippet to paste',
  snippetHelp: 'Replace bwk_YOUR_WRITE_KEY with the workspace’s write key (printed at the first start, or made with POST /api/api-keys).',
  copy: 'Copy',
  copied: 'Copied.',
  push: 'Notifications',
  pushHelp: 'For web push, put a file braid-sw.js at the root of your site containing this line, then call braid.enablePush() when the visitor clicks “Get notifications”:',
};
type WebsiteTexts = typeof websiteEn;

export const websiteVi: WebsiteTexts = {
  title: 'Trang web của bạn',
  intro: 'Dán đoạn mã vào thẻ <head> của mọi trang: lượt xem và thao tác của khách về Braid thành sự kiện, hành trình hiện popup kèm mã giảm giá ngay trên trang, và khách có thể bật thông báo.',
  origins: 'Tên miền được dùng đoạn mã',
  originsHelp: 'Mỗi dòng một tên miền, có https:// (ví dụ https://hoabanfood.vn). Trang ở nơi khác bị từ chối.',
  badLine: 'Dòng {{line}} không phải tên miền: hãy viết như https://hoabanfood.vn',
  save: 'Lưu tên miền',
  saved: 'Đã lưu.',
  snippet: 'Đoạn mã cần dán',
  snippetHelp: 'Thay bwk_YOUR_WRITE_KEY bằng write key của không gian làm việc (in ra ở lần chạy đầu, hoặc tạo bằng POST /api/api-keys).',
  copy: 'Sao chép',
  copied: 'Đã sao chép.',
  push: 'Thông báo đẩy',
  pushHelp: 'Để gửi thông báo đẩy, đặt tệp braid-sw.js ở thư mục gốc của trang với dòng dưới đây, rồi gọi braid.enablePush() khi khách bấm “Nhận thông báo”:',
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { website: websiteEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { website: websiteVi }, true, false);
  added = true;
}
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; the card calls it in case it renders before i18next is ready. */
export function useWebsiteTexts(): void {
  add();
}
