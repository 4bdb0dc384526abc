import i18next from 'i18next';
import type { AnyNodeType } from '@braid/sdk';

// Vietnamese names of the built-in steps. A node type not listed here (a developer's own)
// shows the label it declares: translations are optional, never required to appear.
const vi: Record<string, string> = {
  'trigger-event': 'Khi có sự kiện',
  'trigger-segment': 'Khi khách vào phân khúc',
  'trigger-date': 'Theo ngày trong hồ sơ',
  'trigger-manual': 'Thêm thủ công / qua API',
  'wait-delay': 'Chờ',
  'wait-time-window': 'Chờ đến khung giờ',
  'wait-for-event': 'Chờ sự kiện',
  'condition-trait': 'Kiểm tra hồ sơ',
  'condition-event-count': 'Đã làm N lần',
  'condition-segment': 'Thuộc phân khúc?',
  'condition-random-split': 'Chia ngẫu nhiên',
  'condition-engagement': 'Đã tương tác với tin?',
  'condition-best-channel': 'Kênh hiệu quả nhất',
  'send-message': 'Gửi tin nhắn',
  'update-profile': 'Cập nhật hồ sơ',
  'ad-audience': 'Tệp quảng cáo',
  'issue-voucher': 'Phát voucher',
  'create-staff-task': 'Giao việc cho nhân viên',
  exit: 'Kết thúc',
  goal: 'Mục tiêu chuyển đổi',
  'exit-criteria': 'Điều kiện thoát',
};

export function nodeLabel(type: AnyNodeType | undefined, fallback = ''): string {
  if (!type) return fallback;
  return (i18next.language === 'vi' && vi[type.id]) || type.label;
}
