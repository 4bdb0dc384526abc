import { compileEntryLimit, compileReentry, defineNodeType, describeFilters, entryLimitSchema, errorText, propertyFilterSchema, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint } from '../shared/fields';

export const triggerEvent = defineNodeType({
  id: 'trigger-event',
  category: 'trigger',
  version: 1,
  label: { vi: 'Khi có sự kiện', en: 'When an event happens' },
  description: {
    vi: 'Khách vào hành trình khi họ làm một việc: thêm vào giỏ, thanh toán lỗi, đăng ký ...',
    en: 'Customers enter when they do something: add to cart, fail a payment, sign up ...',
  },
  icon: 'zap',
  configSchema: z.object({
    event: z.string().trim().min(1, errorText({ vi: 'Hãy nêu sự kiện bắt đầu hành trình, ví dụ "Product Added"', en: 'Name the event that starts the journey, e.g. "Product Added"' })),
    where: z.array(propertyFilterSchema).default([]),
    reentry: reentrySchema,
    entryLimit: entryLimitSchema,
  }),
  defaultConfig: { event: '', where: [], reentry: { mode: 'afterExit' }, entryLimit: null },
  form: {
    event: { label: { vi: 'Sự kiện', en: 'Event' }, widget: 'event-name', placeholder: { vi: 'Product Added', en: 'Product Added' } },
    where: { label: { vi: 'Chỉ khi', en: 'Only when' }, widget: 'event-filters', help: { vi: 'ví dụ price lớn hơn 0', en: 'e.g. price is more than 0' } },
    reentry: reentryHint,
    entryLimit: entryLimitHint,
  },
  ports: outPort,
  summary: (c) => {
    const where = describeFilters(c.where);
    return {
      vi: `Khi ${c.event || '…'} xảy ra${c.where.length ? ` với ${where.vi}` : ''}`,
      en: `When ${c.event || '…'} happens${c.where.length ? ` where ${where.en}` : ''}`,
    };
  },
  validate: (c) =>
    c.where.flatMap((f, i) =>
      f.value && typeof f.value === 'object' && !Array.isArray(f.value) && 'ref' in f.value
        ? [{ path: `where.${i}.value`, message: { vi: 'Điểm bắt đầu không thể so với sự kiện vào hành trình: chính nó là sự kiện đó', en: 'A trigger cannot compare with the entry event: it is the entry event' } }]
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
