import { defineNodeType, errorText } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

const statuses = ['delivered', 'opened', 'clicked', 'replied'] as const;
const statusLabels = {
  delivered: { vi: 'đã nhận', en: 'delivered' },
  opened: { vi: 'đã mở', en: 'opened' },
  clicked: { vi: 'đã bấm', en: 'clicked' },
  replied: { vi: 'đã trả lời', en: 'replied to' },
} as const;

export const conditionEngagement = defineNodeType({
  id: 'condition-engagement',
  category: 'condition',
  version: 1,
  label: { vi: 'Đã tương tác với tin?', en: 'Engaged with a message?' },
  description: {
    vi: 'Rẽ nhánh theo việc một tin nhắn trước đó đã được nhận, mở, bấm hoặc trả lời.',
    en: 'Branch on whether an earlier message was delivered, opened, clicked or replied to.',
  },
  icon: 'mail-open',
  configSchema: z.object({
    messageNodeId: z.string().trim().min(1, errorText({ vi: 'Hãy chọn tin nhắn cần kiểm tra', en: 'Pick the message to check' })),
    status: z.enum(statuses).default('opened'),
  }),
  defaultConfig: { messageNodeId: '', status: 'opened' },
  form: {
    messageNodeId: { label: { vi: 'Tin nhắn', en: 'Message' }, widget: 'node-ref', nodeTypes: ['send-message'] },
    status: { label: { vi: 'Khách', en: 'Has been' }, widget: 'select', options: statuses.map((s) => ({ value: s, label: statusLabels[s] })) },
  },
  ports: yesNoPorts,
  summary: (c) => ({
    vi: `Nếu tin ${c.messageNodeId || '…'} ${statusLabels[c.status].vi}`,
    en: `If message ${c.messageNodeId || '…'} was ${statusLabels[c.status].en}`,
  }),
  validate: (c, ctx) => {
    const issues: ConfigIssue[] = [];
    const target = ctx.node(c.messageNodeId);
    if (!target)
      issues.push({ path: 'messageNodeId', message: { vi: 'Tin nhắn cần kiểm tra không còn trong hành trình: hãy chọn tin khác', en: 'The message this checks is not in the journey any more: pick another one' } });
    else if (target.type !== 'send-message')
      issues.push({ path: 'messageNodeId', message: { vi: 'Hãy chọn một bước "Gửi tin nhắn": chỉ tin nhắn mới được mở hoặc bấm', en: 'Pick a "Send message" step: only messages can be opened or clicked' } });
    else if (!ctx.isUpstream(c.messageNodeId))
      issues.push({ path: 'messageNodeId', message: { vi: 'Tin nhắn phải đứng trước bước kiểm tra này trên đường đi của khách', en: 'The message must come before this check on the customer’s path' } });
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
