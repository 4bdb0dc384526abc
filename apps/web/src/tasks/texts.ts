// Texts of the task inbox in English and Vietnamese (the default), added to the app's i18next
// resources under `tasks.` so the shared message files stay small.
import i18next from 'i18next';

export const tasksEn = {
  title: 'Tasks',
  intro: 'Calls, showroom invitations and follow-ups that journeys ask the team to do.',
  filter: { open: 'Open', mine: 'Mine', done: 'Done' },
  empty: { open: 'No open tasks. Journeys add them with the “Create a staff task” step.', mine: 'Nothing claimed by or assigned to you.', done: 'No completed tasks yet.' },
  kind: { call: 'Call', showroomInvite: 'Showroom invitation', followUp: 'Follow-up' },
  customer: 'Customer',
  unnamed: 'Unnamed customer',
  why: 'Why',
  whyStep: '{{journey}} › {{step}}',
  whyNone: 'Created outside a journey',
  journeyEnded: 'The customer has left this journey ({{status}}): check before calling.',
  journeyStatus: { completed: 'finished', exited: 'exited', converted: 'converted', failed: 'failed' },
  due: 'Due',
  overdue: 'overdue',
  assignee: 'For',
  everyone: 'the whole team',
  claimedBy: 'Claimed by {{who}}',
  claim: 'Claim',
  claimed: 'You claimed this task.',
  note: 'Note (optional)',
  notePlaceholder: 'What did the customer say?',
  outcomeLabel: 'Outcome',
  outcome: { reached: 'Reached', noAnswer: 'No answer', booked: 'Booked', notInterested: 'Not interested' },
  completed: 'Task completed: {{outcome}}. The customer’s journey continues.',
  doneBy: '{{outcome}} · {{who}}, {{when}}',
  more: 'Show more',
  loading: 'Loading…',
  openProfile: 'Open profile',
  openJourney: 'Open journey',
  errorCode: { conflict: 'Someone else has this task, or it is already done. The list is refreshed.' },
};

export type TaskTexts = typeof tasksEn;

export const tasksVi: TaskTexts = {
  title: 'Việc cần làm',
  intro: 'Các cuộc gọi, lời mời đến showroom và việc chăm sóc mà hành trình giao cho đội ngũ.',
  filter: { open: 'Đang mở', mine: 'Của tôi', done: 'Đã xong' },
  empty: { open: 'Không có việc nào đang mở. Hành trình tạo việc bằng bước “Giao việc cho nhân viên”.', mine: 'Chưa có việc nào bạn nhận hoặc được giao cho bạn.', done: 'Chưa có việc nào hoàn tất.' },
  kind: { call: 'Gọi điện', showroomInvite: 'Mời đến showroom', followUp: 'Chăm sóc tiếp' },
  customer: 'Khách hàng',
  unnamed: 'Khách chưa có tên',
  why: 'Vì sao',
  whyStep: '{{journey}} › {{step}}',
  whyNone: 'Tạo ngoài hành trình',
  journeyEnded: 'Khách đã rời hành trình này ({{status}}): kiểm tra lại trước khi gọi.',
  journeyStatus: { completed: 'đã đi hết', exited: 'đã thoát', converted: 'đã chuyển đổi', failed: 'bị lỗi' },
  due: 'Hạn',
  overdue: 'quá hạn',
  assignee: 'Giao cho',
  everyone: 'cả đội',
  claimedBy: '{{who}} đã nhận',
  claim: 'Nhận việc',
  claimed: 'Bạn đã nhận việc này.',
  note: 'Ghi chú (không bắt buộc)',
  notePlaceholder: 'Khách nói gì?',
  outcomeLabel: 'Kết quả',
  outcome: { reached: 'Đã liên lạc', noAnswer: 'Không nghe máy', booked: 'Đã hẹn', notInterested: 'Không quan tâm' },
  completed: 'Đã hoàn tất: {{outcome}}. Hành trình của khách tiếp tục.',
  doneBy: '{{outcome}} · {{who}}, {{when}}',
  more: 'Xem thêm',
  loading: 'Đang tải…',
  openProfile: 'Xem hồ sơ',
  openJourney: 'Mở hành trình',
  errorCode: { conflict: 'Việc này đã có người nhận hoặc đã xong. Danh sách đã được làm mới.' },
};

let added = false;
function add(): void {
  if (added) return;
  i18next.addResourceBundle('en', 'translation', { tasks: tasksEn }, true, false);
  i18next.addResourceBundle('vi', 'translation', { tasks: tasksVi }, true, false);
  added = true;
}
// The navigation names the screen before it renders: added once the app has initialised i18next.
if (i18next.isInitialized) add();
else i18next.on('initialized', add);

/** Idempotent; the screen calls it in case it renders before the event above. */
export function useTaskTexts(): void {
  add();
}
