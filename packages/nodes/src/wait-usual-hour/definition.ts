import { defineNodeType, errorText } from '@braid/sdk';
import type { ConfigIssue, Step } from '@braid/sdk';
import { z } from 'zod';
import { isKnownTimezone, outPort } from '../shared/fields';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * "Send at their usual hour": a lookup finds the hour of day (in the customer's timezone) they
 * answered messages most often, then the customer waits for that hour; without answers, for the
 * configured hour. Compiles to the lookup and one time-of-day wait per hour, all leading on.
 */
export const waitUsualHour = defineNodeType({
  id: 'wait-usual-hour',
  category: 'wait',
  version: 1,
  label: { vi: 'Chờ đến giờ khách hay phản hồi', en: 'Wait until their usual hour' },
  description: {
    vi: 'Giữ khách đến giờ trong ngày họ hay mở / trả lời tin nhắn nhất (theo múi giờ của họ); khách chưa từng phản hồi chờ đến giờ bạn chọn.',
    en: 'Hold customers until the hour of day they most often open or answer messages (in their timezone); customers who never answered wait for the hour you pick.',
  },
  icon: 'alarm-clock',
  holdsCustomers: false,
  configSchema: z.object({
    fallbackHour: z.number().int(errorText({ vi: 'Chọn một giờ từ 0 đến 23', en: 'Pick an hour from 0 to 23' })).min(0).max(23),
    windowDays: z.number().int().min(1).max(730).default(90),
    fallbackTimezone: z.string().default('Asia/Ho_Chi_Minh'),
  }),
  defaultConfig: { fallbackHour: 19, windowDays: 90, fallbackTimezone: 'Asia/Ho_Chi_Minh' },
  form: {
    fallbackHour: { label: { vi: 'Khi chưa có phản hồi, chờ đến (giờ)', en: 'Without answers, wait until (hour)' }, widget: 'number' },
    windowDays: { label: { vi: 'Xét phản hồi trong (ngày)', en: 'Answers within (days)' }, widget: 'number' },
    fallbackTimezone: { label: { vi: 'Khi không biết múi giờ của khách', en: 'When the customer’s timezone is unknown' }, widget: 'timezone' },
  },
  ports: outPort,
  summary: (c) => ({
    vi: `Chờ đến giờ khách hay phản hồi (chưa có: ${hh(c.fallbackHour)})`,
    en: `Wait until their usual hour (none yet: ${hh(c.fallbackHour)})`,
  }),
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (!isKnownTimezone(c.fallbackTimezone))
      issues.push({ path: 'fallbackTimezone', message: { vi: `"${c.fallbackTimezone}" không phải múi giờ chúng tôi biết`, en: `"${c.fallbackTimezone}" is not a timezone we know` } });
    return issues;
  },
  compile: (c, ctx) => {
    const hourStep = (h: number) => `${ctx.nodeId}:h${h}`;
    const waits: Step[] = HOURS.map((h) => ({
      type: 'wait',
      id: hourStep(h),
      wait: { kind: 'timeWindow', from: hh(h), to: hh((h + 1) % 24), days: [], timezone: 'customer', fallbackTimezone: c.fallbackTimezone },
      next: ctx.next('out'),
    }));
    return {
      steps: [
        {
          type: 'branch',
          id: ctx.nodeId,
          condition: { kind: 'usualHour', windowDays: c.windowDays },
          outputs: [...HOURS.map((h) => ({ port: `h${h}`, next: hourStep(h) })), { port: 'fallback', next: hourStep(c.fallbackHour) }],
        },
        ...waits,
      ],
    };
  },
});
