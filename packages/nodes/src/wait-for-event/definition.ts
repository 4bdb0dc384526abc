import { defineNodeType, describeDuration, describeFilters, durationSchema, errorText, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';

export const waitForEvent = defineNodeType({
  id: 'wait-for-event',
  category: 'wait',
  version: 1,
  label: { vi: 'Chờ sự kiện', en: 'Wait for an event' },
  description: {
    vi: 'Chờ đến khi khách làm một việc, ví dụ hoàn tất đơn của giỏ hàng này, hoặc thôi chờ sau một khoảng thời gian.',
    en: 'Wait until the customer does something, e.g. completes the order for this cart, or give up after a time.',
  },
  icon: 'hourglass',
  configSchema: z.object({
    event: z.string().trim().min(1, errorText({ vi: 'Hãy nêu sự kiện cần chờ, ví dụ "Order Completed"', en: 'Name the event to wait for, e.g. "Order Completed"' })),
    where: z.array(propertyFilterSchema).default([]),
    // Nullable so a missing timeout is reported in words by `validate` rather than a schema error.
    timeout: durationSchema.nullable().default(null),
  }),
  defaultConfig: { event: '', where: [], timeout: { amount: 1, unit: 'days' } },
  form: {
    event: { label: { vi: 'Sự kiện', en: 'Event' }, widget: 'event-name', placeholder: { vi: 'Order Completed', en: 'Order Completed' } },
    where: {
      label: { vi: 'Chỉ khi', en: 'Only when' },
      widget: 'event-filters',
      help: {
        vi: 'So với sự kiện vào hành trình: cart_id là {{ entry.properties.cart_id }}',
        en: 'Compare with the entry event: cart_id is {{ entry.properties.cart_id }}',
      },
    },
    timeout: { label: { vi: 'Thôi chờ sau', en: 'Give up after' }, widget: 'duration' },
  },
  ports: [
    { id: 'happened', label: { vi: 'Đã xảy ra', en: 'Happened' } },
    { id: 'timedOut', label: { vi: 'Hết thời gian chờ', en: 'Timed out' } },
  ],
  summary: (c) => {
    const where = describeFilters(c.where);
    const timeout = c.timeout ? describeDuration(c.timeout) : null;
    return {
      vi: `Chờ ${c.event || '…'}${c.where.length ? ` với ${where.vi}` : ''}${timeout ? `, tối đa ${timeout.vi}` : ''}`,
      en: `Wait for ${c.event || '…'}${c.where.length ? ` where ${where.en}` : ''}${timeout ? `, up to ${timeout.en}` : ''}`,
    };
  },
  validate: (c) =>
    c.timeout
      ? []
      : [
          {
            path: 'timeout',
            message: {
              vi: `Hãy đặt thời gian chờ "${c.event || 'sự kiện'}": nếu không, khách không bao giờ làm việc đó sẽ chờ mãi`,
              en: `Set how long to wait for "${c.event || 'the event'}": without a time limit customers who never do it would wait forever`,
            },
          },
        ],
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'wait',
        id: ctx.nodeId,
        // Validation refuses a missing timeout before compile; 30 days is only a type-level fallback.
        wait: { kind: 'event', match: { event: c.event, where: c.where }, timeoutMs: ctx.ms(c.timeout ?? { amount: 30, unit: 'days' }) },
        next: ctx.next('happened'),
        timeoutNext: ctx.next('timedOut'),
      },
    ],
  }),
});
