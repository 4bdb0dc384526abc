import { defineNodeType, durationSchema, errorText } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

const kinds = ['call', 'showroomInvite', 'followUp'] as const;
const kindLabels = {
  call: { vi: 'Gọi điện cho khách', en: 'Call the customer' },
  showroomInvite: { vi: 'Mời đến showroom', en: 'Invite to the showroom' },
  followUp: { vi: 'Chăm sóc tiếp', en: 'Follow up' },
} as const;

export const createStaffTask = defineNodeType({
  id: 'create-staff-task',
  category: 'action',
  version: 1,
  label: { vi: 'Giao việc cho nhân viên', en: 'Create a staff task' },
  description: { vi: 'Nhờ đội hotline hoặc showroom làm một việc cho khách này.', en: 'Ask the hotline or showroom team to do something for this customer.' },
  icon: 'clipboard-check',
  configSchema: z.object({
    kind: z.enum(kinds).default('call'),
    title: z.string().trim().min(1, errorText({ vi: 'Hãy nói nhân viên cần làm gì', en: 'Say what the staff should do' })),
    note: z.string().default(''),
    assignee: z.string().default(''),
    dueIn: durationSchema.default({ amount: 1, unit: 'days' }),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  // Config is the marketer's own text, not a UI label: it starts in Vietnamese, the default language.
  defaultConfig: { kind: 'call', title: 'Gọi cho {{ customer.firstName }}', note: '', assignee: '', dueIn: { amount: 1, unit: 'days' }, onFailure: 'continue' },
  form: {
    kind: { label: { vi: 'Việc', en: 'Task' }, widget: 'select', options: kinds.map((k) => ({ value: k, label: kindLabels[k] })) },
    title: { label: { vi: 'Tiêu đề', en: 'Title' }, widget: 'liquid' },
    note: { label: { vi: 'Ghi chú cho nhân viên', en: 'Notes for the staff' }, widget: 'liquid' },
    assignee: { label: { vi: 'Giao cho', en: 'Assign to' }, widget: 'text', help: { vi: 'Một nhóm hoặc một người; để trống là cả đội', en: 'A team or person; empty means the whole team' } },
    dueIn: { label: { vi: 'Hạn trong', en: 'Due within' }, widget: 'duration' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => ({ vi: `${kindLabels[c.kind].vi}: ${c.title}`, en: `${kindLabels[c.kind].en}: ${c.title}` }),
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'create-staff-task', c, { onFailure: c.onFailure })] }),
});
