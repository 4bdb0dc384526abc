// Texts of the send step's email editor, SMS cost line and saved templates, in English and
// Vietnamese (the default), added to the app's i18next resources under `email.`.
import i18next from 'i18next';

export const emailEn = {
  blocks: 'Blocks',
  add: 'Add a block',
  type: { heading: 'Heading', text: 'Text', image: 'Image', button: 'Button', divider: 'Divider', voucher: 'Voucher', products: 'Product list' },
  field: {
    text: 'Text (Liquid)', src: 'Image address', alt: 'Description (for screen readers)', href: 'Link', title: 'Title', code: 'Code (Liquid)',
    source: 'List in the message data (e.g. entry.properties.items)',
  },
  up: 'Move up',
  down: 'Move down',
  remove: 'Remove',
  fromName: 'Sender name',
  fromAddress: 'Sender address',
  fromHelp: 'Empty: the sender of the email account in channel settings.',
  preheader: 'Preheader (shown after the subject in the inbox)',
  empty: 'No blocks yet: the email sends the plain message above. Add a block to design it.',
  preview: 'Preview',
  previewFor: 'As {{name}} will get it',
  previewNoCustomer: 'Choose a customer in the preview below to see the email with their data; until then, an empty profile.',
  desktop: 'Desktop',
  mobile: 'Mobile',
  refresh: 'Refresh preview',
  textPart: 'Plain-text part',
  testTo: 'Send a test to',
  test: 'Send a test',
  testSent: 'Test sent to {{to}}.',
  failed: 'Did not work: {{message}}',
  templates: 'Saved templates',
  useTemplate: 'Use a template',
  noTemplate: '— choose —',
  saveTemplate: 'Save as template',
  templateName: 'Template name',
  templateSaved: 'Saved as “{{name}}”.',
  sms: {
    cost: '{{characters}} characters · {{encoding}} · {{segments}} SMS',
    ucs2: 'Vietnamese marks ({{chars}}) make the message UCS-2: 70 characters per SMS instead of 160.',
    stripped: 'Sent without marks:',
    advertising: 'Advertising SMS: counted with the “[QC] ” Decree 91 puts in front.',
  },
};

export const emailVi: typeof emailEn = {
  blocks: 'Các khối',
  add: 'Thêm khối',
  type: { heading: 'Tiêu đề', text: 'Đoạn văn', image: 'Ảnh', button: 'Nút', divider: 'Đường kẻ', voucher: 'Mã giảm giá', products: 'Danh sách sản phẩm' },
  field: {
    text: 'Nội dung (Liquid)', src: 'Địa chỉ ảnh', alt: 'Mô tả ảnh (cho trình đọc màn hình)', href: 'Liên kết', title: 'Tiêu đề', code: 'Mã (Liquid)',
    source: 'Danh sách trong dữ liệu tin (ví dụ entry.properties.items)',
  },
  up: 'Lên trên',
  down: 'Xuống dưới',
  remove: 'Xoá',
  fromName: 'Tên người gửi',
  fromAddress: 'Địa chỉ người gửi',
  fromHelp: 'Để trống: dùng người gửi của tài khoản email trong Cài đặt kênh.',
  preheader: 'Dòng xem trước (hiện sau tiêu đề trong hộp thư)',
  empty: 'Chưa có khối nào: email gửi nội dung thường ở trên. Thêm khối để thiết kế email.',
  preview: 'Xem trước',
  previewFor: 'Như {{name}} sẽ nhận',
  previewNoCustomer: 'Chọn một khách hàng ở phần xem trước bên dưới để xem email với dữ liệu của họ; chưa chọn thì dùng hồ sơ trống.',
  desktop: 'Máy tính',
  mobile: 'Điện thoại',
  refresh: 'Làm mới bản xem trước',
  textPart: 'Bản chữ thuần',
  testTo: 'Gửi thử đến',
  test: 'Gửi thử',
  testSent: 'Đã gửi thử đến {{to}}.',
  failed: 'Chưa được: {{message}}',
  templates: 'Mẫu tin đã lưu',
  useTemplate: 'Dùng mẫu',
  noTemplate: '— chọn —',
  saveTemplate: 'Lưu thành mẫu',
  templateName: 'Tên mẫu',
  templateSaved: 'Đã lưu thành “{{name}}”.',
  sms: {
    cost: '{{characters}} ký tự · {{encoding}} · {{segments}} tin SMS',
    ucs2: 'Dấu tiếng Việt ({{chars}}) làm tin thành UCS-2: 70 ký tự mỗi tin thay vì 160.',
    stripped: 'Gửi không dấu:',
    advertising: 'SMS quảng cáo: đã tính cả tiền tố “[QC] ” theo Nghị định 91.',
  },
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { email: emailEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { email: emailVi }, true, false);
  added = true;
}
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; a widget calls it in case it renders before i18next is ready. */
export function useEmailTexts(): void {
  add();
}
