// Texts of the segment screens in Vietnamese (the reference language) and English, added to the
// app's i18next resources under `segments.` so the shared message files stay small.
import i18next from 'i18next';

export const segmentsEn = {
  nav: 'Segments',
  title: 'Segments',
  intro: 'Groups of customers kept up to date as events arrive, profiles change and time passes. A journey can start when someone joins.',
  new: 'New segment',
  none: 'No segments yet. Create one to group customers by traits and behaviour.',
  name: 'Name',
  namePlaceholder: 'e.g. Viewed Mắc Khén twice this week',
  members: 'Members',
  membersCount: '{{count}} customers',
  counting: 'counting…',
  timeBased: 'updates as time passes',
  open: 'Edit',
  back: 'Segments',
  matchAll: 'Customers matching all of these',
  matchAny: 'Customers matching any of these',
  groupAll: 'all of',
  groupAny: 'any of',
  add: 'Add a condition',
  kind: { trait: 'Trait', eventCount: 'Behaviour', segment: 'Segment', group: 'Group' },
  remove: 'Remove',
  trait: 'Trait',
  traitPlaceholder: 'e.g. city',
  value: 'Value',
  valueHelp: 'Numbers compare as numbers, true / false as yes / no; for “is one of”, separate values with commas.',
  did: 'did',
  event: 'Event',
  eventPlaceholder: 'e.g. Product Viewed',
  times: 'times',
  inLast: 'in the last',
  unit: { days: 'days', hours: 'hours' },
  where: 'where',
  addWhere: 'Add a property filter',
  property: 'Property',
  countOp: { greaterOrEqual: 'at least', greaterThan: 'more than', equals: 'exactly', lessOrEqual: 'at most', lessThan: 'fewer than' },
  isIn: 'is in',
  isNotIn: 'is not in',
  chooseSegment: 'Choose a segment',
  preview: 'Preview',
  previewCount: '{{count}} customers match now',
  previewSample: 'Some of them',
  previewBusy: 'Counting…',
  previewNone: 'Nobody matches yet.',
  unnamed: 'Unnamed customer',
  journeys: 'Journeys using this segment',
  journeysNone: 'No journey uses this segment yet.',
  startsJourney: 'starts when a customer joins',
  usesInStep: 'used in a step',
  save: 'Save',
  saved: 'Segment saved. Members are being counted.',
  delete: 'Delete',
  deleteConfirm: 'Delete segment “{{name}}”?',
  deleted: 'Segment deleted.',
  picker: { choose: '— choose a segment —', missing: 'Segment {{id}} (not found)' },
  invalid: 'Not complete yet',
  refused: 'This rule cannot be used: {{message}}',
  at: 'in condition {{path}}',
};

export type SegmentTexts = typeof segmentsEn;

export const segmentsVi: SegmentTexts = {
  nav: 'Phân khúc',
  title: 'Phân khúc',
  intro: 'Nhóm khách được cập nhật liên tục khi có sự kiện mới, khi hồ sơ thay đổi và theo thời gian. Hành trình có thể bắt đầu khi khách vào nhóm.',
  new: 'Tạo phân khúc',
  none: 'Chưa có phân khúc nào. Hãy tạo một phân khúc để nhóm khách theo thuộc tính và hành vi.',
  name: 'Tên',
  namePlaceholder: 'VD: Xem Mắc Khén 2 lần trong tuần',
  members: 'Số khách',
  membersCount: '{{count}} khách',
  counting: 'đang đếm…',
  timeBased: 'tự cập nhật theo thời gian',
  open: 'Sửa',
  back: 'Phân khúc',
  matchAll: 'Khách thỏa tất cả điều kiện sau',
  matchAny: 'Khách thỏa một trong các điều kiện sau',
  groupAll: 'tất cả',
  groupAny: 'một trong',
  add: 'Thêm điều kiện',
  kind: { trait: 'Thuộc tính', eventCount: 'Hành vi', segment: 'Phân khúc', group: 'Nhóm' },
  remove: 'Xoá',
  trait: 'Thuộc tính',
  traitPlaceholder: 'VD: city',
  value: 'Giá trị',
  valueHelp: 'Số được so sánh như số, true / false là có / không; với “là một trong”, ngăn cách các giá trị bằng dấu phẩy.',
  did: 'đã',
  event: 'Sự kiện',
  eventPlaceholder: 'VD: Product Viewed',
  times: 'lần',
  inLast: 'trong',
  unit: { days: 'ngày qua', hours: 'giờ qua' },
  where: 'với',
  addWhere: 'Thêm bộ lọc thuộc tính',
  property: 'Thuộc tính',
  countOp: { greaterOrEqual: 'ít nhất', greaterThan: 'nhiều hơn', equals: 'đúng', lessOrEqual: 'nhiều nhất', lessThan: 'ít hơn' },
  isIn: 'thuộc',
  isNotIn: 'không thuộc',
  chooseSegment: 'Chọn phân khúc',
  preview: 'Xem trước',
  previewCount: '{{count}} khách đang khớp',
  previewSample: 'Một vài khách',
  previewBusy: 'Đang đếm…',
  previewNone: 'Chưa có khách nào khớp.',
  unnamed: 'Khách chưa có tên',
  journeys: 'Hành trình dùng phân khúc này',
  journeysNone: 'Chưa có hành trình nào dùng phân khúc này.',
  startsJourney: 'bắt đầu khi khách vào phân khúc',
  usesInStep: 'dùng trong một bước',
  save: 'Lưu',
  saved: 'Đã lưu phân khúc. Đang đếm số khách.',
  delete: 'Xoá',
  deleteConfirm: 'Xoá phân khúc “{{name}}”?',
  deleted: 'Đã xoá phân khúc.',
  picker: { choose: '— chọn phân khúc —', missing: 'Phân khúc {{id}} (không tìm thấy)' },
  invalid: 'Điều kiện chưa đủ',
  refused: 'Không dùng được điều kiện này: {{message}}',
  at: 'ở điều kiện {{path}}',
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { segments: segmentsEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { segments: segmentsVi }, true, false);
  added = true;
}
// The navigation names the screen before it renders: add the texts once i18next is initialised.
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; the screens call it in case they render before the event above. */
export function useSegmentTexts(): void {
  add();
}
