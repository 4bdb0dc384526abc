import { compileEntryLimit, compileReentry, defineNodeType, describeFilter, entryLimitSchema, propertyFilterSchema, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint } from '../shared/fields';

export const triggerEvent = defineNodeType({
  id: 'trigger-event',
  category: 'trigger',
  version: 1,
  label: 'When an event happens',
  description: 'Customers enter when they do something: add to cart, fail a payment, sign up ...',
  icon: 'zap',
  configSchema: z.object({
    event: z.string().trim().min(1, { error: 'Name the event that starts the journey, e.g. "Product Added"' }),
    where: z.array(propertyFilterSchema).default([]),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { event: '', where: [], reentry: { mode: 'afterExit' }, entryLimit: null },
  form: {
    event: { label: 'Event', widget: 'event-name', placeholder: 'Product Added' },
    where: { label: 'Only when', widget: 'event-filters', help: 'e.g. price is more than 0' },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => `When ${c.event || '…'} happens${c.where.length ? ` where ${c.where.map(describeFilter).join(' and ')}` : ''}`,
  validate: (c) =>
    c.where.flatMap((f, i) =>
      f.value && typeof f.value === 'object' && !Array.isArray(f.value) && 'ref' in f.value
        ? [{ path: `where.${i}.value`, message: 'A trigger cannot compare with the entry event: it is the entry event' }]
        : [],
    ),
  compile: (c, ctx) => ({
    trigger: {
      kind: 'event',
      match: { event: c.event, where: c.where },
      reentry: compileReentry(c.reentry, ctx.ms),
      entryLimit: compileEntryLimit(c.entryLimit, ctx.ms),
    },
    start: ctx.next('out'),
  }),
});
