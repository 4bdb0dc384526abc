import { defineNodeType } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

const statuses = ['delivered', 'opened', 'clicked', 'replied'] as const;

export const conditionEngagement = defineNodeType({
  id: 'condition-engagement',
  category: 'condition',
  version: 1,
  label: 'Engaged with a message?',
  description: 'Branch on whether an earlier message was delivered, opened, clicked or replied to.',
  icon: 'mail-open',
  configSchema: z.object({
    messageNodeId: z.string().trim().min(1, { error: 'Pick the message to check' }),
    status: z.enum(statuses).default('opened'),
  }),
  defaultConfig: { messageNodeId: '', status: 'opened' },
  form: {
    messageNodeId: { label: 'Message', widget: 'node-ref', nodeTypes: ['send-message'] },
    status: {
      label: 'Has been',
      widget: 'select',
      options: statuses.map((s) => ({ value: s, label: s === 'replied' ? 'replied to' : s })),
    },
  },
  ports: yesNoPorts,
  summary: (c) => `If message ${c.messageNodeId || '…'} was ${c.status}`,
  validate: (c, ctx) => {
    const issues: ConfigIssue[] = [];
    const target = ctx.node(c.messageNodeId);
    if (!target) issues.push({ path: 'messageNodeId', message: 'The message this checks is not in the journey any more: pick another one' });
    else if (target.type !== 'send-message') issues.push({ path: 'messageNodeId', message: 'Pick a "Send message" step: only messages can be opened or clicked' });
    else if (!ctx.isUpstream(c.messageNodeId))
      issues.push({ path: 'messageNodeId', message: 'The message must come before this check on the customer’s path' });
    return issues;
  },
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'engagement', stepId: ctx.stepOf(c.messageNodeId), status: c.status },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
