import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

const platforms = ['facebook', 'google', 'zalo'] as const;
const platformLabels = { facebook: 'Facebook / Instagram', google: 'Google / YouTube', zalo: 'Zalo' } as const;

export const adAudience = defineNodeType({
  id: 'ad-audience',
  category: 'action',
  version: 1,
  label: 'Ad audience',
  description: 'Add the customer to, or remove them from, a retargeting audience on Facebook/Instagram, Google/YouTube or Zalo.',
  icon: 'megaphone',
  configSchema: z.object({
    operation: z.enum(['add', 'remove']).default('add'),
    platforms: z
      .array(z.enum(platforms))
      .min(1, { error: 'Pick at least one ad platform' })
      .refine((ps) => new Set(ps).size === ps.length, { error: 'Each platform may appear once' }),
    audience: z.string().trim().min(1, { error: 'Name the audience, e.g. "Cart abandoners – 99k offer"' }),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { operation: 'add', platforms: ['facebook'], audience: '', onFailure: 'continue' },
  form: {
    operation: {
      label: 'Action',
      widget: 'select',
      options: [
        { value: 'add', label: 'Add to audience' },
        { value: 'remove', label: 'Remove from audience' },
      ],
    },
    platforms: { label: 'Platforms', widget: 'multiselect', options: platforms.map((p) => ({ value: p, label: platformLabels[p] })) },
    audience: { label: 'Audience', widget: 'text' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) =>
    `${c.operation === 'add' ? 'Add to' : 'Remove from'} "${c.audience}" on ${c.platforms.map((p) => platformLabels[p]).join(', ')}`,
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'ad-audience', c, { onFailure: c.onFailure })] }),
});
