import { defineNodeType, describeDuration, durationSchema, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';

export const goal = defineNodeType({
  id: 'goal',
  category: 'setting',
  version: 1,
  label: 'Conversion goal',
  description: 'What counts as success (e.g. any Order Completed). Checked on every event while the customer is in the journey.',
  icon: 'trophy',
  configSchema: z.object({
    event: z.string().trim().min(1, { error: 'Name the event that counts as a conversion, e.g. "Order Completed"' }),
    where: z.array(propertyFilterSchema).default([]),
    window: durationSchema.default({ amount: 30, unit: 'days' }),
    onConvert: z.enum(['exit', 'jump']).default('exit'),
  }),
  defaultConfig: { event: 'Order Completed', where: [], window: { amount: 30, unit: 'days' }, onConvert: 'exit' },
  form: {
    event: { label: 'Conversion event', widget: 'event-name' },
    where: { label: 'Only when', widget: 'event-filters' },
    window: { label: 'Counts within', widget: 'duration', help: 'Time since the customer entered the journey' },
    onConvert: {
      label: 'When a customer converts',
      widget: 'select',
      options: [
        { value: 'exit', label: 'They leave the journey' },
        { value: 'jump', label: 'They continue on the "after converting" path' },
      ],
    },
  },
  ports: (c) => (c.onConvert === 'jump' ? [{ id: 'converted', label: 'After converting' }] : []),
  summary: (c) => `Goal: ${c.event || '…'} within ${describeDuration(c.window)}`,
  compile: (c, ctx) => ({
    goal: {
      match: { event: c.event, where: c.where },
      windowMs: ctx.ms(c.window),
      onConvert: c.onConvert === 'jump' ? { kind: 'goto', stepId: ctx.next('converted') } : { kind: 'exit' },
    },
  }),
});
