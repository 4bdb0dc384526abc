import { channelLabels, channels, defineNodeType, errorText, inEachLanguage } from '@braid/sdk';
import { z } from 'zod';

export const conditionBestChannel = defineNodeType({
  id: 'condition-best-channel',
  category: 'condition',
  version: 1,
  label: { vi: 'Kênh hiệu quả nhất', en: 'Best channel' },
  description: {
    vi: 'Đưa mỗi khách vào kênh họ tương tác nhiều nhất; những khách còn lại đi nhánh dự phòng.',
    en: 'Route each customer to the channel they engage with most; the rest take the fallback path.',
  },
  icon: 'radar',
  configSchema: z.object({
    channels: z
      .array(z.enum(channels))
      .min(1, errorText({ vi: 'Chọn ít nhất một kênh', en: 'Pick at least one channel' }))
      .refine((cs) => new Set(cs).size === cs.length, errorText({ vi: 'Mỗi kênh chỉ xuất hiện một lần', en: 'Each channel may appear once' })),
  }),
  defaultConfig: { channels: ['email', 'zalo', 'sms'] },
  form: {
    channels: {
      label: { vi: 'Các kênh để chọn', en: 'Channels to choose from' },
      widget: 'multiselect',
      options: channels.map((c) => ({ value: c, label: channelLabels[c] })),
    },
  },
  ports: (c) => [
    ...c.channels.map((ch) => ({ id: ch, label: channelLabels[ch] })),
    { id: 'fallback', label: { vi: 'Chưa tương tác', en: 'No engagement yet' } },
  ],
  summary: (c) =>
    inEachLanguage((lang) => `${lang === 'vi' ? 'Kênh tốt nhất trong' : 'Best of'} ${c.channels.map((ch) => channelLabels[ch][lang]).join(', ')}`),
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'bestChannel', channels: [...c.channels] },
        outputs: [...c.channels.map((ch) => ({ port: ch, next: ctx.next(ch) })), { port: 'fallback', next: ctx.next('fallback') }],
      },
    ],
  }),
});
