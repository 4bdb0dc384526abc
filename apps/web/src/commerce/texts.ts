// Texts of the commerce sources screen in English and Vietnamese (the default), added to the
// app's i18next resources under `commerce.`.
import i18next from 'i18next';

export const commerceEn = {
  nav: 'Sources',
  title: 'Shops and POS',
  intro: 'Orders and checkouts from your online shop arrive as “Order Completed” and “Checkout Started” events of the right customer (found by email or phone). Journeys react to them at once.',
  add: 'Add a shop',
  platform: 'Platform',
  name: 'Name',
  namePlaceholder: 'e.g. Hoa Ban Food website',
  secretField: 'Signing key from the shop (optional)',
  secretHelp: 'Shopify and Haravan show the key they sign webhooks with on their notifications page: paste it here. Leave empty to let Braid make one and paste it into the shop instead.',
  create: 'Add',
  created: 'Shop added. Copy the secret now: it is shown only this once.',
  none: 'No shops yet.',
  webhookUrl: 'Webhook URL',
  webhookHelp: 'In the shop’s admin, add webhooks for orders/create, orders/paid, orders/cancelled, checkouts/create and checkouts/update (JSON) pointing at this address.',
  copy: 'Copy',
  copied: 'Copied.',
  secret: 'Signing secret',
  secretHidden: '•••• {{hint}}',
  reveal: 'Show',
  hide: 'Hide',
  secretOnce: 'Copy this secret now; later only owners and admins can show it again.',
  replaceSecret: 'Replace the secret',
  replacePlaceholder: 'Paste the new key from the shop',
  save: 'Save',
  saved: 'Saved.',
  remove: 'Remove',
  removeConfirm: 'Remove “{{name}}”? Its webhook URL stops accepting orders at once.',
  removed: 'Shop removed.',
  lastDelivery: 'Last delivery',
  never: 'No delivery yet',
  deliveries: 'Latest deliveries',
  deliveriesNone: 'No delivery yet. Forged or replayed ones are refused and not listed.',
  when: 'When',
  topic: 'Topic',
  order: 'Order',
  status: 'Status',
  statusName: { accepted: 'accepted', duplicate: 'already had it', ignored: 'not tracked' },
  posTitle: 'Showroom till (POS)',
  posHelp: 'The till posts each sale to {{url}} with the workspace write key as the HTTP Basic user name. The cashier types the customer’s phone in any format (0909 908 089, +84 909 908 089) and the sale joins that customer’s profile as “Order Completed” with source pos.',
  posExample: 'Example body',
};

export type CommerceTexts = typeof commerceEn;

export const commerceVi: CommerceTexts = {
  nav: 'Nguồn dữ liệu',
  title: 'Cửa hàng và máy POS',
  intro: 'Đơn hàng và lượt thanh toán từ cửa hàng online về Braid thành sự kiện “Order Completed” và “Checkout Started” của đúng khách (tìm theo email hoặc số điện thoại). Hành trình phản ứng ngay.',
  add: 'Thêm cửa hàng',
  platform: 'Nền tảng',
  name: 'Tên',
  namePlaceholder: 'ví dụ Website Hoa Ban Food',
  secretField: 'Khoá ký từ cửa hàng (không bắt buộc)',
  secretHelp: 'Shopify và Haravan hiện khoá dùng để ký webhook ở trang Thông báo: dán vào đây. Để trống thì Braid tạo khoá để bạn dán vào cửa hàng.',
  create: 'Thêm',
  created: 'Đã thêm cửa hàng. Hãy sao chép khoá ngay: khoá chỉ hiện lần này.',
  none: 'Chưa có cửa hàng nào.',
  webhookUrl: 'Địa chỉ webhook',
  webhookHelp: 'Trong trang quản trị cửa hàng, thêm webhook cho orders/create, orders/paid, orders/cancelled, checkouts/create và checkouts/update (JSON) trỏ về địa chỉ này.',
  copy: 'Sao chép',
  copied: 'Đã sao chép.',
  secret: 'Khoá ký',
  secretHidden: '•••• {{hint}}',
  reveal: 'Hiện',
  hide: 'Ẩn',
  secretOnce: 'Hãy sao chép khoá này ngay; về sau chỉ chủ sở hữu và quản trị viên xem lại được.',
  replaceSecret: 'Thay khoá',
  replacePlaceholder: 'Dán khoá mới từ cửa hàng',
  save: 'Lưu',
  saved: 'Đã lưu.',
  remove: 'Xoá',
  removeConfirm: 'Xoá “{{name}}”? Địa chỉ webhook của nó ngừng nhận đơn ngay.',
  removed: 'Đã xoá cửa hàng.',
  lastDelivery: 'Lần gửi gần nhất',
  never: 'Chưa nhận lần nào',
  deliveries: 'Các lần gửi gần đây',
  deliveriesNone: 'Chưa nhận lần nào. Lần gửi giả mạo hoặc gửi lại bị từ chối và không hiện ở đây.',
  when: 'Lúc',
  topic: 'Chủ đề',
  order: 'Đơn',
  status: 'Trạng thái',
  statusName: { accepted: 'đã nhận', duplicate: 'đã có rồi', ignored: 'không theo dõi' },
  posTitle: 'Máy tính tiền showroom (POS)',
  posHelp: 'Máy POS gửi mỗi lần bán đến {{url}} với write key của không gian làm việc làm tên đăng nhập HTTP Basic. Thu ngân gõ số điện thoại của khách theo kiểu nào cũng được (0909 908 089, +84 909 908 089) và đơn vào hồ sơ khách đó thành “Order Completed” với source pos.',
  posExample: 'Ví dụ nội dung gửi',
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { commerce: commerceEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { commerce: commerceVi }, true, false);
  added = true;
}
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; the screen calls it in case it renders before i18next is ready. */
export function useCommerceTexts(): void {
  add();
}
