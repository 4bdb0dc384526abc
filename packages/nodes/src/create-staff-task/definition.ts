import { defineNodeType, durationSchema } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

const kinds = ['call', 'showroomInvite', 'followUp'] as const;
const kindLabels = { call: 'Call the customer', showroomInvite: 'Invite to the showroom', followUp: 'Follow up' } as const;

export const createStaffTask = defineNodeType({
  id: 'create-staff-task',
  category: 'action',
  version: 1,
  label: 'Create a staff task',
  description: 'Ask the hotline or showroom team to do something for this customer.',
  icon: 'clipboard-check',
  configSchema: z.object({
    kind: z.enum(kinds).default('call'),
    title: z.string().trim().min(1, { error: 'Say what the staff should do' }),
    note: z.string().default(''),
    assignee: z.string().default(''),
    dueIn: durationSchema.default({ amount: 1, unit: 'days' }),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { kind: 'call', title: 'Call {{ customer.firstName }}', note: '', assignee: '', dueIn: { amount: 1, unit: 'days' }, onFailure: 'continue' },
  form: {
    kind: { label: 'Task', widget: 'select', options: kinds.map((k) => ({ value: k, label: kindLabels[k] })) },
    title: { label: 'Title', widget: 'liquid' },
    note: { label: 'Notes for the staff', widget: 'liquid' },
    assignee: { label: 'Assign to', widget: 'text', help: 'A team or person; empty means the whole team' },
    dueIn: { label: 'Due within', widget: 'duration' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => `${kindLabels[c.kind]}: ${c.title}`,
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'create-staff-task', c, { onFailure: c.onFailure })] }),
});
