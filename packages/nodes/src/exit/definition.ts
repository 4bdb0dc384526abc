import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';

export const exitJourney = defineNodeType({
  id: 'exit',
  category: 'action',
  version: 1,
  label: { vi: 'Kết thúc', en: 'Exit' },
  description: { vi: 'Khách rời hành trình tại đây.', en: 'The customer leaves the journey here.' },
  icon: 'log-out',
  configSchema: z.object({ reason: z.string().trim().default('') }),
  defaultConfig: { reason: '' },
  form: {
    reason: {
      label: { vi: 'Lý do rời (cho báo cáo)', en: 'Why they leave (for reports)' },
      widget: 'text',
      placeholder: { vi: 'Đã mua tại showroom', en: 'Bought at the showroom' },
    },
  },
  ports: [],
  summary: (c) => (c.reason ? { vi: `Kết thúc: ${c.reason}`, en: `Exit: ${c.reason}` } : { vi: 'Kết thúc', en: 'Exit' }),
  compile: (c, ctx) => ({ steps: [{ type: 'end', id: ctx.nodeId, reason: c.reason || 'Reached the exit' }] }),
});
