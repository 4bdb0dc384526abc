import { compileEntryLimit, compileReentry, defineNodeType, entryLimitSchema, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint, TIME_OF_DAY } from '../shared/fields';

export const triggerDate = defineNodeType({
  id: 'trigger-date',
  category: 'trigger',
  version: 1,
  label: 'On a date in the profile',
  description: 'Birthday, anniversary, contract end ... with an offset in days.',
  icon: 'cake',
  configSchema: z.object({
    trait: z.string().trim().min(1, { error: 'Name the profile field holding the date, e.g. birthday' }),
    recurrence: z.enum(['yearly', 'once']).default('yearly'),
    offsetDays: z.number().int().min(-365, { error: 'At most 365 days before' }).max(365, { error: 'At most 365 days after' }).default(0),
    atTime: z.string().regex(TIME_OF_DAY, { error: 'Use a time like 09:00' }).default('09:00'),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { trait: 'birthday', recurrence: 'yearly', offsetDays: 0, atTime: '09:00', reentry: { mode: 'everyTime' }, entryLimit: null },
  form: {
    trait: { label: 'Date field', widget: 'text', placeholder: 'birthday' },
    recurrence: {
      label: 'Repeats',
      widget: 'select',
      options: [
        { value: 'yearly', label: 'Every year (birthday, anniversary)' },
        { value: 'once', label: 'Once (a one-off date)' },
      ],
    },
    offsetDays: { label: 'Days before (−) or after (+)', widget: 'number', help: '-3 enters customers 3 days before the date' },
    atTime: { label: 'At (customer’s local time)', widget: 'time' },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => {
    const when = c.offsetDays === 0 ? 'On' : c.offsetDays < 0 ? `${-c.offsetDays} days before` : `${c.offsetDays} days after`;
    return `${when} ${c.trait}${c.recurrence === 'yearly' ? ' every year' : ''} at ${c.atTime}`;
  },
  validate: (c) =>
    c.recurrence === 'yearly' && c.reentry.mode === 'once'
      ? [{ path: 'reentry', message: 'A yearly date lets customers enter only once: choose "every time" so they come back next year' }]
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
