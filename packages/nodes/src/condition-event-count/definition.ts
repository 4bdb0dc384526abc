import { comparisonLabels, defineNodeType, describeDuration, durationSchema, errorText, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

const countComparisons = ['greaterOrEqual', 'greaterThan', 'equals', 'lessThan', 'lessOrEqual'] as const;

export const conditionEventCount = defineNodeType({
  id: 'condition-event-count',
  category: 'condition',
  version: 1,
  label: { vi: 'Đã làm N lần', en: 'Did something N times' },
  description: {
    vi: 'Rẽ nhánh theo số lần khách làm một việc gần đây, ví dụ xem một sản phẩm từ 2 lần trong 7 ngày.',
    en: 'Branch on how often the customer did an event recently, e.g. viewed a product 2+ times in 7 days.',
  },
  icon: 'repeat',
  configSchema: z.object({
    event: z.string().trim().min(1, errorText({ vi: 'Hãy nêu sự kiện cần đếm', en: 'Name the event to count' })),
    where: z.array(propertyFilterSchema).default([]),
    op: z.enum(countComparisons).default('greaterOrEqual'),
    count: z.number().int().min(0, errorText({ vi: 'Số lần không thể âm', en: 'Count cannot be negative' })),
    within: durationSchema,
  }),
  defaultConfig: { event: '', where: [], op: 'greaterOrEqual', count: 1, within: { amount: 7, unit: 'days' } },
  form: {
    event: { label: { vi: 'Sự kiện', en: 'Event' }, widget: 'event-name' },
    where: { label: { vi: 'Chỉ khi', en: 'Only when' }, widget: 'event-filters' },
    op: { label: { vi: 'Số lần', en: 'Number of times' }, widget: 'select', options: countComparisons.map((v) => ({ value: v, label: comparisonLabels[v] })) },
    count: { label: { vi: 'Lần', en: 'Times' }, widget: 'number' },
    within: { label: { vi: 'Trong vòng', en: 'In the last' }, widget: 'duration' },
  },
  ports: yesNoPorts,
  summary: (c) => {
    const op = comparisonLabels[c.op];
    const within = describeDuration(c.within);
    return {
      vi: `Đã ${c.event || '…'} ${op.vi} ${c.count} lần trong ${within.vi}`,
      en: `Did ${c.event || '…'} ${op.en} ${c.count} times in ${within.en}`,
    };
  },
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'eventCount', event: c.event, where: c.where, op: c.op, count: c.count, windowMs: ctx.ms(c.within) },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
