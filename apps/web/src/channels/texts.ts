// Texts of the channel settings screen in English and Vietnamese (the default), added to the
// app's i18next resources under `channels.`.
import i18next from 'i18next';

export const channelsEn = {
  nav: 'Channels',
  title: 'Channels and sending rules',
  intro: "Your own accounts for email, SMS, Messenger and Zalo, and the rules every marketing message follows. Without an account a channel uses the installation's settings, or stays in the sandbox.",
  rulesTitle: 'Quiet hours and frequency',
  quietOn: 'Quiet hours (customer’s local time)',
  quietFrom: 'From',
  quietTo: 'Until',
  quietHelp: 'Marketing messages that fall inside are held until the quiet hours end, never dropped. Transactional messages (orders, payments) are not held.',
  capOn: 'Limit across all channels',
  capMax: 'At most',
  capPer: 'messages per hours',
  decree: 'Advertising SMS always follow Decree 91/2020: “[QC]” prefix, brandname, 07:00–22:00, at most 3 per number in 24 hours.',
  saveRules: 'Save rules',
  accountsTitle: 'Accounts',
  kind: { smtp: 'Email (SMTP)', email_api: 'Email (HTTP API: Postmark, SendGrid)', esms: 'SMS brandname (eSMS)', twilio: 'SMS (Twilio)', messenger: 'Facebook Messenger page', zalo: 'Zalo OA / ZNS', webhook: 'Webhook signing' },
  field: {
    host: 'Server', port: 'Port', secure: 'TLS from the start (port 465)', user: 'User name', from: 'Sender', pass: 'Password',
    brandname: 'Brandname', smsType: 'Default SMS type (2 customer care, 1 advertising)', sandbox: 'eSMS test mode', apiKey: 'API key', secretKey: 'Secret key',
    accountSid: 'Account SID', messagingServiceSid: 'Messaging service SID', authToken: 'Auth token',
    pageId: 'Page id', graphVersion: 'Graph API version', pageAccessToken: 'Page access token', appSecret: 'App secret',
    oaId: 'OA id', mode: 'Sends as', dailyQuota: 'Daily ZNS quota', development: 'ZNS development mode', accessToken: 'Access token', oaSecretKey: 'OA secret key',
    signingSecret: 'Signing secret',
    provider: 'Provider', messageStream: 'Postmark message stream (outbound, broadcast)',
  },
  secretSet: 'saved {{hint}} — leave empty to keep',
  secretUnset: 'not set',
  notConfigured: 'Not set up: uses the installation’s settings or the sandbox.',
  save: 'Save',
  saved: 'Saved.',
  remove: 'Remove',
  removed: 'Removed.',
  check: 'Check connection',
  testTo: 'Send a test to',
  test: 'Send a test',
  checkOk: 'Connected and signed in.',
  testSent: 'Test sent to {{to}}.',
  failed: 'Did not work: {{message}}',
  lastCheck: 'Last check',
  templatesTitle: 'Zalo ZNS templates',
  templatesHelp: 'Register each template Zalo approved: its id, parameters with their maximum length, purpose. Send steps map each parameter to a Liquid expression.',
  templateId: 'Template id',
  templateName: 'Name',
  templateParams: 'Parameters (name:max length, one per line)',
  purpose: 'Purpose',
  purposeName: { transaction: 'transaction', customer_care: 'customer care', promotion: 'promotion' },
  status: 'Approval',
  statusName: { pending: 'pending', approved: 'approved', rejected: 'rejected', disabled: 'disabled' },
  addTemplate: 'Save template',
  noTemplates: 'No templates yet.',
  badParams: 'Write each parameter as name:max length, e.g. order_code:30',
  picker: { none: 'OA consultation message (no template)', missing: 'Template {{id}} (not registered)', params: 'Parameters to map below (characters at most): {{params}}' },
};

export const channelsVi: typeof channelsEn = {
  nav: 'Kênh gửi',
  title: 'Kênh gửi và quy tắc gửi tin',
  intro: 'Tài khoản riêng của bạn cho email, SMS, Messenger và Zalo, cùng các quy tắc mọi tin tiếp thị phải theo. Kênh chưa có tài khoản dùng cài đặt chung của hệ thống, hoặc chỉ vào hộp thử.',
  rulesTitle: 'Giờ yên lặng và tần suất',
  quietOn: 'Giờ yên lặng (theo giờ địa phương của khách)',
  quietFrom: 'Từ',
  quietTo: 'Đến',
  quietHelp: 'Tin tiếp thị rơi vào khung giờ này được giữ lại đến khi hết giờ yên lặng, không bị bỏ. Tin giao dịch (đơn hàng, thanh toán) không bị giữ.',
  capOn: 'Giới hạn trên mọi kênh',
  capMax: 'Tối đa',
  capPer: 'tin trong số giờ',
  decree: 'SMS quảng cáo luôn theo Nghị định 91/2020: có tiền tố “[QC]”, gửi bằng brandname, từ 7h đến 22h, tối đa 3 tin cho một số trong 24 giờ.',
  saveRules: 'Lưu quy tắc',
  accountsTitle: 'Tài khoản',
  kind: { smtp: 'Email (SMTP)', email_api: 'Email (API HTTP: Postmark, SendGrid)', esms: 'SMS brandname (eSMS)', twilio: 'SMS (Twilio)', messenger: 'Trang Facebook Messenger', zalo: 'Zalo OA / ZNS', webhook: 'Ký webhook' },
  field: {
    host: 'Máy chủ', port: 'Cổng', secure: 'TLS ngay từ đầu (cổng 465)', user: 'Tên đăng nhập', from: 'Người gửi', pass: 'Mật khẩu',
    brandname: 'Brandname', smsType: 'Loại SMS mặc định (2 chăm sóc khách hàng, 1 quảng cáo)', sandbox: 'Chế độ thử của eSMS', apiKey: 'API key', secretKey: 'Secret key',
    accountSid: 'Account SID', messagingServiceSid: 'Messaging service SID', authToken: 'Auth token',
    pageId: 'Mã trang', graphVersion: 'Phiên bản Graph API', pageAccessToken: 'Page access token', appSecret: 'App secret',
    oaId: 'Mã OA', mode: 'Gửi dạng', dailyQuota: 'Hạn mức ZNS mỗi ngày', development: 'Chế độ phát triển ZNS', accessToken: 'Access token', oaSecretKey: 'Khoá bí mật OA',
    signingSecret: 'Khoá ký',
    provider: 'Nhà cung cấp', messageStream: 'Luồng gửi của Postmark (outbound, broadcast)',
  },
  secretSet: 'đã lưu {{hint}} — để trống để giữ nguyên',
  secretUnset: 'chưa đặt',
  notConfigured: 'Chưa cài đặt: dùng cài đặt chung của hệ thống hoặc hộp thử.',
  save: 'Lưu',
  saved: 'Đã lưu.',
  remove: 'Xoá',
  removed: 'Đã xoá.',
  check: 'Kiểm tra kết nối',
  testTo: 'Gửi thử đến',
  test: 'Gửi thử',
  checkOk: 'Đã kết nối và đăng nhập được.',
  testSent: 'Đã gửi thử đến {{to}}.',
  failed: 'Không được: {{message}}',
  lastCheck: 'Lần kiểm tra gần nhất',
  templatesTitle: 'Mẫu Zalo ZNS',
  templatesHelp: 'Đăng ký từng mẫu Zalo đã duyệt: mã mẫu, các tham số với độ dài tối đa, mục đích. Bước gửi tin gán mỗi tham số một biểu thức Liquid.',
  templateId: 'Mã mẫu',
  templateName: 'Tên',
  templateParams: 'Tham số (tên:độ dài tối đa, mỗi dòng một tham số)',
  purpose: 'Mục đích',
  purposeName: { transaction: 'giao dịch', customer_care: 'chăm sóc khách hàng', promotion: 'khuyến mãi' },
  status: 'Trạng thái duyệt',
  statusName: { pending: 'chờ duyệt', approved: 'đã duyệt', rejected: 'bị từ chối', disabled: 'đã tắt' },
  addTemplate: 'Lưu mẫu',
  noTemplates: 'Chưa có mẫu nào.',
  badParams: 'Viết mỗi tham số dạng tên:độ dài tối đa, ví dụ order_code:30',
  picker: { none: 'Tin tư vấn OA (không dùng mẫu)', missing: 'Mẫu {{id}} (chưa đăng ký)', params: 'Tham số cần gán ở dưới (số ký tự tối đa): {{params}}' },
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { channels: channelsEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { channels: channelsVi }, true, false);
  added = true;
}
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; the screen calls it in case it renders before i18next is ready. */
export function useChannelsTexts(): void {
  add();
}
