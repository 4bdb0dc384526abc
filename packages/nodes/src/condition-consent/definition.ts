import { channelLabels, defineNodeType, errorText } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

// Webhooks reach systems, not people: there is nobody to ask for consent.
const consentChannels = ['email', 'sms', 'messenger', 'zalo', 'web', 'push'] as const;

export const conditionConsent = defineNodeType({
  id: 'condition-consent',
  category: 'condition',
  version: 1,
  label: { vi: 'Đồng ý nhận tin?', en: 'Subscribed?' },
  description: {
    vi: 'Rẽ nhánh theo việc khách có đồng ý nhận tin tiếp thị qua một kênh (hoặc một nhóm tin) lúc này hay không.',
    en: 'Branch on whether the customer accepts marketing on a channel (or a subscription group) right now.',
  },
  icon: 'bell',
  configSchema: z.object({
    channel: z.enum(consentChannels, errorText({ vi: 'Hãy chọn một kênh', en: 'Pick a channel' })),
    groupId: z.string().trim().max(100).default(''),
  }),
  defaultConfig: { channel: 'email', groupId: '' },
  form: {
    channel: { label: { vi: 'Kênh', en: 'Channel' }, widget: 'select', options: consentChannels.map((c) => ({ value: c, label: channelLabels[c] })) },
    groupId: {
      label: { vi: 'Nhóm tin (không bắt buộc)', en: 'Subscription group (optional)' },
      widget: 'text',
      help: {
        vi: 'Mã nhóm tin, ví dụ nhóm "Khuyến mãi". Để trống: khách nhận tin tiếp thị của bất kỳ nhóm nào thuộc kênh này.',
        en: 'The subscription group id, e.g. the "Khuyến mãi" group. Empty: any group of this channel.',
      },
    },
  },
  ports: yesNoPorts,
  summary: (c) => ({
    vi: `Nếu đồng ý nhận ${c.groupId ? `nhóm ${c.groupId}` : `tin qua ${channelLabels[c.channel].vi}`}`,
    en: `If subscribed to ${c.groupId ? `group ${c.groupId}` : `${channelLabels[c.channel].en} marketing`}`,
  }),
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'consent', channel: c.channel, groupId: c.groupId },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
