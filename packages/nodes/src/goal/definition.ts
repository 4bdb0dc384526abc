import { defineNodeType, describeDuration, durationSchema, errorText, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';

export const goal = defineNodeType({
  id: 'goal',
  category: 'setting',
  version: 1,
  label: { vi: 'Mục tiêu chuyển đổi', en: 'Conversion goal' },
  description: {
    vi: 'Điều gì được tính là thành công (ví dụ bất kỳ Order Completed nào). Được kiểm tra với mọi sự kiện khi khách còn trong hành trình.',
    en: 'What counts as success (e.g. any Order Completed). Checked on every event while the customer is in the journey.',
  },
  icon: 'trophy',
  configSchema: z.object({
    event: z.string().trim().min(1, errorText({ vi: 'Hãy nêu sự kiện được tính là chuyển đổi, ví dụ "Order Completed"', en: 'Name the event that counts as a conversion, e.g. "Order Completed"' })),
    where: z.array(propertyFilterSchema).default([]),
    window: durationSchema.default({ amount: 30, unit: 'days' }),
    onConvert: z.enum(['exit', 'jump']).default('exit'),
  }),
  defaultConfig: { event: 'Order Completed', where: [], window: { amount: 30, unit: 'days' }, onConvert: 'exit' },
  form: {
    event: { label: { vi: 'Sự kiện chuyển đổi', en: 'Conversion event' }, widget: 'event-name' },
    where: { label: { vi: 'Chỉ khi', en: 'Only when' }, widget: 'event-filters' },
    window: { label: { vi: 'Tính trong vòng', en: 'Counts within' }, widget: 'duration', help: { vi: 'Tính từ lúc khách vào hành trình', en: 'Time since the customer entered the journey' } },
    onConvert: {
      label: { vi: 'Khi khách chuyển đổi', en: 'When a customer converts' },
      widget: 'select',
      options: [
        { value: 'exit', label: { vi: 'Khách rời hành trình', en: 'They leave the journey' } },
        { value: 'jump', label: { vi: 'Khách đi tiếp nhánh "sau chuyển đổi"', en: 'They continue on the "after converting" path' } },
      ],
    },
  },
  ports: (c) => (c.onConvert === 'jump' ? [{ id: 'converted', label: { vi: 'Sau chuyển đổi', en: 'After converting' } }] : []),
  summary: (c) => {
    const within = describeDuration(c.window);
    return { vi: `Mục tiêu: ${c.event || '…'} trong ${within.vi}`, en: `Goal: ${c.event || '…'} within ${within.en}` };
  },
  compile: (c, ctx) => ({
    goal: {
      match: { event: c.event, where: c.where },
      windowMs: ctx.ms(c.window),
      onConvert: c.onConvert === 'jump' ? { kind: 'goto', stepId: ctx.next('converted') } : { kind: 'exit' },
    },
  }),
});
