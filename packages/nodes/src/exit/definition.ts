import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';

export const exitJourney = defineNodeType({
  id: 'exit',
  category: 'action',
  version: 1,
  label: 'Exit',
  description: 'The customer leaves the journey here.',
  icon: 'log-out',
  configSchema: z.object({ reason: z.string().trim().default('') }),
  defaultConfig: { reason: '' },
  form: { reason: { label: 'Why they leave (for reports)', widget: 'text', placeholder: 'Bought at the showroom' } },
  ports: [],
  summary: (c) => (c.reason ? `Exit: ${c.reason}` : 'Exit'),
  compile: (c, ctx) => ({ steps: [{ type: 'end', id: ctx.nodeId, reason: c.reason || 'Reached the exit' }] }),
});
