import { compileEntryLimit, compileReentry, defineNodeType, entryLimitSchema, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint } from '../shared/fields';

export const triggerSegment = defineNodeType({
  id: 'trigger-segment',
  category: 'trigger',
  version: 1,
  label: 'When a customer enters a segment',
  description: 'Customers enter when they start matching a segment, e.g. "Lapsed 90 days".',
  icon: 'users',
  configSchema: z.object({
    segmentId: z.string().trim().min(1, { error: 'Pick a segment' }),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { segmentId: '', reentry: { mode: 'afterExit' }, entryLimit: null },
  form: {
    segmentId: { label: 'Segment', widget: 'segment' },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => `When a customer enters segment ${c.segmentId || '…'}`,
  compile: (c, ctx) => ({
    trigger: {
      kind: 'segmentEntered',
      segmentId: c.segmentId,
      reentry: compileReentry(c.reentry, ctx.ms),
      entryLimit: compileEntryLimit(c.entryLimit, ctx.ms),
    },
    start: ctx.next('out'),
  }),
});
