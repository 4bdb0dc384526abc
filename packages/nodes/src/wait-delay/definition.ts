import { defineNodeType, describeDuration, durationSchema } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';

export const waitDelay = defineNodeType({
  id: 'wait-delay',
  category: 'wait',
  // v1 stored `{ days }`; v2 allows minutes and hours.
  version: 2,
  label: 'Wait',
  description: 'Pause for minutes, hours or days.',
  icon: 'clock',
  configSchema: z.object({ duration: durationSchema }),
  defaultConfig: { duration: { amount: 1, unit: 'days' } },
  form: { duration: { label: 'Wait for', widget: 'duration' } },
  ports: outPort,
  summary: (c) => `Wait ${describeDuration(c.duration)}`,
  compile: (c, ctx) => ({
    steps: [{ type: 'wait', id: ctx.nodeId, wait: { kind: 'duration', ms: ctx.ms(c.duration) }, next: ctx.next('out') }],
  }),
  migrate: (from, config) => {
    if (from === 1) {
      const days = (config as { days?: unknown } | null)?.days;
      return { duration: { amount: typeof days === 'number' ? days : 1, unit: 'days' } };
    }
    return config;
  },
});
