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
  identity: {
    title: 'Identity verification',
    intro: 'The write key sits in your pages, so anyone could call braid.identify() with another customer’s id and see their messages. With verification on, your server signs each logged-in customer’s id and Braid accepts only signed ids.',
    require: 'Require signed user ids',
    requireHelp: 'Turn on once your pages pass userHash to braid.identify(). Events naming a customer without a valid signature are then refused; servers sending with an admin token are not affected.',
    turnedOn: 'Identity verification is on.',
    turnedOff: 'Identity verification is off.',
    secret: 'Identity secret (keep it on your server)',
    secretHelp: 'Never put it in a page. Your server computes userHash = HMAC-SHA256 of the user id with this secret, in hex:',
    show: 'Show',
    hide: 'Hide',
    rotate: 'Make a new secret',
    rotateConfirm: 'Make a new secret? Signatures made with the current one stop working at once: put the new secret on your server right away.',
    rotated: 'New secret made: update your server.',
  },
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
  identity: {
    title: 'Xác minh danh tính',
    intro: 'Write key nằm trong mã trang, nên ai cũng có thể gọi braid.identify() với mã của khách khác và xem tin nhắn của họ. Khi bật xác minh, máy chủ của bạn ký mã của từng khách đã đăng nhập và Braid chỉ nhận mã đã ký.',
    require: 'Chỉ nhận mã khách đã ký',
    requireHelp: 'Bật khi các trang đã truyền userHash vào braid.identify(). Sau đó sự kiện nêu tên khách mà không có chữ ký hợp lệ sẽ bị từ chối; máy chủ gửi bằng admin token không bị ảnh hưởng.',
    turnedOn: 'Đã bật xác minh danh tính.',
    turnedOff: 'Đã tắt xác minh danh tính.',
    secret: 'Khóa bí mật xác minh (chỉ để trên máy chủ của bạn)',
    secretHelp: 'Không bao giờ đặt trong trang. Máy chủ tính userHash = HMAC-SHA256 của mã khách với khóa này, dạng hex:',
    show: 'Hiện',
    hide: 'Ẩn',
    rotate: 'Tạo khóa mới',
    rotateConfirm: 'Tạo khóa mới? Chữ ký làm bằng khóa hiện tại sẽ hết hiệu lực ngay: hãy cập nhật khóa mới lên máy chủ ngay.',
    rotated: 'Đã tạo khóa mới: hãy cập nhật máy chủ.',
  },
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
