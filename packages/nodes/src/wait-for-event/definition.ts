import { defineNodeType, describeDuration, describeFilter, durationSchema, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';

export const waitForEvent = defineNodeType({
  id: 'wait-for-event',
  category: 'wait',
  version: 1,
  label: 'Wait for an event',
  description: 'Wait until the customer does something, e.g. completes the order for this cart, or give up after a time.',
  icon: 'hourglass',
  configSchema: z.object({
    event: z.string().trim().min(1, { error: 'Name the event to wait for, e.g. "Order Completed"' }),
    where: z.array(propertyFilterSchema).default([]),
    // Nullable so a missing timeout is reported in words by `validate` rather than a schema error.
    timeout: durationSchema.nullable().default(null),
  }),
  defaultConfig: { event: '', where: [], timeout: { amount: 1, unit: 'days' } },
  form: {
    event: { label: 'Event', widget: 'event-name', placeholder: 'Order Completed' },
    where: { label: 'Only when', widget: 'event-filters', help: 'Compare with the entry event: cart_id is {{ entry.properties.cart_id }}' },
    timeout: { label: 'Give up after', widget: 'duration' },
  },
  ports: [
    { id: 'happened', label: 'Happened' },
    { id: 'timedOut', label: 'Timed out' },
  ],
  summary: (c) =>
    `Wait for ${c.event || '…'}${c.where.length ? ` where ${c.where.map(describeFilter).join(' and ')}` : ''}${c.timeout ? `, up to ${describeDuration(c.timeout)}` : ''}`,
  validate: (c) =>
    c.timeout
      ? []
      : [{ path: 'timeout', message: `Set how long to wait for "${c.event || 'the event'}": without a time limit customers who never do it would wait forever` }],
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
