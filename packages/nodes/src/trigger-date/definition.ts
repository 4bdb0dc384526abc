import { compileEntryLimit, compileReentry, defineNodeType, entryLimitSchema, errorText, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint, TIME_OF_DAY } from '../shared/fields';

export const triggerDate = defineNodeType({
  id: 'trigger-date',
  category: 'trigger',
  version: 1,
  label: { vi: 'Theo ngày trong hồ sơ', en: 'On a date in the profile' },
  description: {
    vi: 'Sinh nhật, ngày kỷ niệm, ngày hết hợp đồng ... có thể lệch trước hoặc sau vài ngày.',
    en: 'Birthday, anniversary, contract end ... with an offset in days.',
  },
  icon: 'cake',
  configSchema: z.object({
    trait: z.string().trim().min(1, errorText({ vi: 'Hãy nêu trường hồ sơ chứa ngày, ví dụ birthday', en: 'Name the profile field holding the date, e.g. birthday' })),
    recurrence: z.enum(['yearly', 'once']).default('yearly'),
    offsetDays: z
      .number()
      .int()
      .min(-365, errorText({ vi: 'Sớm nhất 365 ngày trước', en: 'At most 365 days before' }))
      .max(365, errorText({ vi: 'Muộn nhất 365 ngày sau', en: 'At most 365 days after' }))
      .default(0),
    atTime: z.string().regex(TIME_OF_DAY, errorText({ vi: 'Nhập giờ dạng 09:00', en: 'Use a time like 09:00' })).default('09:00'),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { trait: 'birthday', recurrence: 'yearly', offsetDays: 0, atTime: '09:00', reentry: { mode: 'everyTime' }, entryLimit: null },
  form: {
    trait: { label: { vi: 'Trường ngày', en: 'Date field' }, widget: 'text', placeholder: { vi: 'birthday', en: 'birthday' } },
    recurrence: {
      label: { vi: 'Lặp lại', en: 'Repeats' },
      widget: 'select',
      options: [
        { value: 'yearly', label: { vi: 'Hằng năm (sinh nhật, kỷ niệm)', en: 'Every year (birthday, anniversary)' } },
        { value: 'once', label: { vi: 'Một lần (một ngày cụ thể)', en: 'Once (a one-off date)' } },
      ],
    },
    offsetDays: {
      label: { vi: 'Số ngày trước (−) hoặc sau (+)', en: 'Days before (−) or after (+)' },
      widget: 'number',
      help: { vi: '-3 đưa khách vào 3 ngày trước ngày đó', en: '-3 enters customers 3 days before the date' },
    },
    atTime: { label: { vi: 'Lúc (giờ địa phương của khách)', en: 'At (customer’s local time)' }, widget: 'time' },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => {
    const n = Math.abs(c.offsetDays);
    const vi = c.offsetDays === 0 ? 'Vào ngày' : c.offsetDays < 0 ? `${n} ngày trước` : `${n} ngày sau`;
    const en = c.offsetDays === 0 ? 'On' : c.offsetDays < 0 ? `${n} days before` : `${n} days after`;
    return {
      vi: `${vi} ${c.trait}${c.recurrence === 'yearly' ? ' hằng năm' : ''} lúc ${c.atTime}`,
      en: `${en} ${c.trait}${c.recurrence === 'yearly' ? ' every year' : ''} at ${c.atTime}`,
    };
  },
  validate: (c) =>
    c.recurrence === 'yearly' && c.reentry.mode === 'once'
      ? [
          {
            path: 'reentry',
            message: {
              vi: 'Ngày lặp hằng năm nhưng khách chỉ được vào một lần: chọn "mỗi lần" để năm sau họ quay lại',
              en: 'A yearly date lets customers enter only once: choose "every time" so they come back next year',
            },
          },
        ]
      : [],
  compile: (c, ctx) => ({
    trigger: {
      kind: 'dateAttribute',
      trait: c.trait,
      recurrence: c.recurrence,
      offsetDays: c.offsetDays,
      atTime: c.atTime,
      reentry: compileReentry(c.reentry, ctx.ms),
      entryLimit: compileEntryLimit(c.entryLimit, ctx.ms),
    },
    start: ctx.next('out'),
  }),
});
