import { defineNodeType, jsonSchema } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const updateProfile = defineNodeType({
  id: 'update-profile',
  category: 'action',
  version: 1,
  label: 'Update profile',
  description: 'Set or clear fields on the customer profile, e.g. mark them as "abandoned cart".',
  icon: 'user-pen',
  configSchema: z.object({
    set: z.record(z.string().min(1), jsonSchema).default({}),
    unset: z.array(z.string().min(1)).default([]),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { set: {}, unset: [], onFailure: 'continue' },
  form: {
    set: { label: 'Set fields', widget: 'key-value' },
    unset: { label: 'Clear fields', widget: 'string-list' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => {
    const parts = [...Object.keys(c.set).map((k) => `set ${k}`), ...c.unset.map((k) => `clear ${k}`)];
    return parts.length ? `Update profile: ${parts.join(', ')}` : 'Update profile';
  },
  validate: (c) =>
    Object.keys(c.set).length === 0 && c.unset.length === 0 ? [{ path: 'set', message: 'Choose at least one field to set or clear' }] : [],
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'update-profile', c, { onFailure: c.onFailure })] }),
});
