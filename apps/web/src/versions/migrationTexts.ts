// Texts of the migration plan (publish dialog, trace, audit log) in Vietnamese and English,
// added to the app's i18next resources once it is initialised, so shared files stay small.
import i18next from 'i18next';

export const migrationEn = {
  title: 'Where do the customers inside go?',
  stay: 'Stay on v{{version}} (they finish the version they entered)',
  move: 'Move to v{{version}}',
  versionHeading: 'v{{version}} · {{n}} customers',
  step: 'Waiting at',
  customers: 'Customers',
  moveTo: 'Continue at',
  staysHere: '— stays on v{{version}} —',
  notMovable: 'cannot move (not a waiting step)',
  suggested: 'suggested',
  summary: '{{moved}} customers move to v{{version}}; the others stay on their version.',
  noTargets: 'Fix the draft’s problems to choose where customers move.',
  keepsDeadline: 'A waiting customer keeps their deadline unless the new step’s length differs.',
  inRequest: 'Migration plan: {{moved}} customers move to the new version',
  audit: 'v{{from}} → v{{to}}: {{steps}} steps mapped',
  auditRequested: 'v{{from}} → the new version: {{steps}} steps mapped',
};

export const migrationVi: typeof migrationEn = {
  title: 'Khách đang ở trong hành trình sẽ đi đâu?',
  stay: 'Ở lại v{{version}} (đi hết phiên bản họ đã vào)',
  move: 'Chuyển sang v{{version}}',
  versionHeading: 'v{{version}} · {{n}} khách',
  step: 'Đang chờ ở',
  customers: 'Số khách',
  moveTo: 'Đi tiếp từ',
  staysHere: '— ở lại v{{version}} —',
  notMovable: 'không chuyển được (không phải bước chờ)',
  suggested: 'gợi ý',
  summary: '{{moved}} khách chuyển sang v{{version}}; những khách khác ở lại phiên bản của họ.',
  noTargets: 'Hãy sửa các lỗi của bản nháp để chọn nơi chuyển khách đến.',
  keepsDeadline: 'Khách đang chờ giữ nguyên hạn chờ, trừ khi bước mới có thời gian chờ khác.',
  inRequest: 'Kế hoạch chuyển khách: {{moved}} khách chuyển sang phiên bản mới',
  audit: 'v{{from}} → v{{to}}: {{steps}} bước được ánh xạ',
  auditRequested: 'v{{from}} → phiên bản mới: {{steps}} bước được ánh xạ',
};

// The trace words a move: `moved` at the step left in the old version, the entry into the new one.
const traceEn = { outcome: { moved: 'moved' }, reason: { movedTo: 'moved to version {{version}}', movedFrom: 'moved here from version {{version}}' } };
const traceVi: typeof traceEn = { outcome: { moved: 'đã chuyển' }, reason: { movedTo: 'chuyển sang phiên bản {{version}}', movedFrom: 'chuyển đến từ phiên bản {{version}}' } };

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { migration: migrationEn, editorText: traceEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { migration: migrationVi, editorText: traceVi }, true, false);
  added = true;
}
if (i18next.isInitialized) add();
else i18next.on('initialized', add);
