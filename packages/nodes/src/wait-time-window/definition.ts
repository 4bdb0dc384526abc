import { defineNodeType, errorText } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { isKnownTimezone, outPort, TIME_OF_DAY } from '../shared/fields';

const DAY_NAMES = {
  vi: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

const unknownTimezone = (tz: string) => ({
  vi: `"${tz}" không phải múi giờ chúng tôi biết (thử Asia/Ho_Chi_Minh)`,
  en: `"${tz}" is not a timezone we know (try Asia/Ho_Chi_Minh)`,
});

export const waitTimeWindow = defineNodeType({
  id: 'wait-time-window',
  category: 'wait',
  version: 1,
  label: { vi: 'Chờ đến khung giờ', en: 'Wait until a time of day' },
  description: {
    vi: 'Giữ khách đến một khung giờ (và các ngày trong tuần) theo múi giờ của chính họ.',
    en: 'Hold customers until a time window (and days of the week) in their own timezone.',
  },
  icon: 'calendar-clock',
  // Inside the window customers go straight through: a loop needs another wait.
  holdsCustomers: false,
  configSchema: z.object({
    from: z.string().regex(TIME_OF_DAY, errorText({ vi: 'Nhập giờ dạng 19:00', en: 'Use a time like 19:00' })),
    to: z.string().regex(TIME_OF_DAY, errorText({ vi: 'Nhập giờ dạng 21:00', en: 'Use a time like 21:00' })),
    days: z.array(z.number().int().min(0).max(6)).default([]),
    timezone: z.string().default('customer'),
    fallbackTimezone: z.string().default('Asia/Ho_Chi_Minh'),
  }),
  defaultConfig: { from: '19:00', to: '21:00', days: [], timezone: 'customer', fallbackTimezone: 'Asia/Ho_Chi_Minh' },
  form: {
    from: { label: { vi: 'Từ', en: 'From' }, widget: 'time' },
    to: { label: { vi: 'Đến', en: 'To' }, widget: 'time', help: { vi: 'Khung giờ có thể qua nửa đêm, ví dụ 22:00 đến 06:00', en: 'A window may cross midnight, e.g. 22:00 to 06:00' } },
    days: { label: { vi: 'Vào các ngày', en: 'On these days' }, widget: 'weekdays', help: { vi: 'Để trống nếu là mọi ngày', en: 'Leave empty for every day' } },
    timezone: {
      label: { vi: 'Múi giờ', en: 'Timezone' },
      widget: 'timezone',
      help: { vi: 'Múi giờ riêng của từng khách, hoặc một múi giờ chung cho mọi khách', en: 'Each customer’s own timezone, or one timezone for everyone' },
    },
    fallbackTimezone: {
      label: { vi: 'Khi không biết múi giờ của khách', en: 'When the customer’s timezone is unknown' },
      widget: 'timezone',
      showIf: { field: 'timezone', equals: 'customer' },
    },
  },
  ports: outPort,
  summary: (c) => {
    const some = c.days.length > 0 && c.days.length < 7;
    const days = (lang: 'vi' | 'en') => [...c.days].sort().map((d) => DAY_NAMES[lang][d]).join(', ');
    const customer = c.timezone === 'customer';
    return {
      vi: `Chờ đến ${c.from}–${c.to}${some ? ` vào ${days('vi')}` : ''} (${customer ? 'giờ của khách' : c.timezone})`,
      en: `Wait until ${c.from}–${c.to}${some ? ` on ${days('en')}` : ''} (${customer ? 'customer’s time' : c.timezone})`,
    };
  },
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (c.from === c.to) issues.push({ path: 'to', message: { vi: 'Giờ kết thúc phải khác giờ bắt đầu', en: 'The window must end at a different time than it starts' } });
    if (c.timezone !== 'customer' && !isKnownTimezone(c.timezone)) issues.push({ path: 'timezone', message: unknownTimezone(c.timezone) });
    if (!isKnownTimezone(c.fallbackTimezone)) issues.push({ path: 'fallbackTimezone', message: unknownTimezone(c.fallbackTimezone) });
    return issues;
  },
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'wait',
        id: ctx.nodeId,
        wait: { kind: 'timeWindow', from: c.from, to: c.to, days: [...new Set(c.days)].sort(), timezone: c.timezone, fallbackTimezone: c.fallbackTimezone },
        next: ctx.next('out'),
      },
    ],
  }),
});
