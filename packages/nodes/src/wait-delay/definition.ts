import { defineNodeType, describeDuration, durationSchema } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';

export const waitDelay = defineNodeType({
  id: 'wait-delay',
  category: 'wait',
  // v1 stored `{ days }`; v2 allows minutes and hours.
  version: 2,
  label: { vi: 'Chờ', en: 'Wait' },
  description: { vi: 'Tạm dừng vài phút, vài giờ hoặc vài ngày.', en: 'Pause for minutes, hours or days.' },
  icon: 'clock',
  configSchema: z.object({ duration: durationSchema }),
  defaultConfig: { duration: { amount: 1, unit: 'days' } },
  form: { duration: { label: { vi: 'Chờ trong', en: 'Wait for' }, widget: 'duration' } },
  ports: outPort,
  summary: (c) => {
    const d = describeDuration(c.duration);
    return { vi: `Chờ ${d.vi}`, en: `Wait ${d.en}` };
  },
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
