import { compileEntryLimit, compileReentry, defineNodeType, entryLimitSchema, errorText, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint } from '../shared/fields';

export const triggerSegment = defineNodeType({
  id: 'trigger-segment',
  category: 'trigger',
  version: 1,
  label: { vi: 'Khi khách vào phân khúc', en: 'When a customer enters a segment' },
  description: {
    vi: 'Khách vào hành trình khi bắt đầu khớp một phân khúc, ví dụ "Không mua 90 ngày".',
    en: 'Customers enter when they start matching a segment, e.g. "Lapsed 90 days".',
  },
  icon: 'users',
  configSchema: z.object({
    segmentId: z.string().trim().min(1, errorText({ vi: 'Hãy chọn một phân khúc', en: 'Pick a segment' })),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { segmentId: '', reentry: { mode: 'afterExit' }, entryLimit: null },
  form: {
    segmentId: { label: { vi: 'Phân khúc', en: 'Segment' }, widget: 'segment' },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => ({
    vi: `Khi khách vào phân khúc ${c.segmentId || '…'}`,
    en: `When a customer enters segment ${c.segmentId || '…'}`,
  }),
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
