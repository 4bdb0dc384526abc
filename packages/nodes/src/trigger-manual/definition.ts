import { compileEntryLimit, compileReentry, defineNodeType, entryLimitSchema, reentrySchema } from '@braid/sdk';
import { z } from 'zod';
import { entryLimitHint, outPort, reentryHint } from '../shared/fields';

export const triggerManual = defineNodeType({
  id: 'trigger-manual',
  category: 'trigger',
  version: 1,
  label: { vi: 'Thêm thủ công / qua API', en: 'Enrolled by hand or API' },
  description: {
    vi: 'Khách vào hành trình khi nhân viên thêm họ hoặc một hệ thống gọi API thêm khách.',
    en: 'Customers enter when staff enrol them or a system calls the enrol API.',
  },
  icon: 'hand',
  configSchema: z.object({ reentry: reentrySchema, entryLimit: entryLimitSchema }),
  defaultConfig: { reentry: { mode: 'afterExit' }, entryLimit: null },
  form: { reentry: reentryHint, entryLimit: entryLimitHint },
  ports: outPort,
  summary: () => ({ vi: 'Khi được thêm thủ công hoặc qua API', en: 'When enrolled by hand or through the API' }),
  compile: (c, ctx) => ({
    trigger: { kind: 'manual', reentry: compileReentry(c.reentry, ctx.ms), entryLimit: compileEntryLimit(c.entryLimit, ctx.ms) },
    start: ctx.next('out'),
  }),
});
