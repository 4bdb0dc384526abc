import { channelLabels, channels, defineNodeType, errorText, inEachLanguage } from '@braid/sdk';
import { z } from 'zod';

export const conditionBestChannel = defineNodeType({
  id: 'condition-best-channel',
  category: 'condition',
  version: 1,
  label: { vi: 'Kênh hiệu quả nhất', en: 'Best channel' },
  description: {
    vi: 'Đưa mỗi khách vào kênh họ phản hồi tốt nhất (tỉ lệ mở / bấm / trả lời gần đây), trong các kênh liên lạc được và đã đồng ý nhận; ai không liên lạc được qua kênh nào đi nhánh dự phòng.',
    en: 'Route each customer to the channel they answer best on (recent open / click / reply rates) among those they can be reached on and subscribed to; customers no channel reaches take the fallback path.',
  },
  icon: 'radar',
  configSchema: z.object({
    channels: z
      .array(z.enum(channels))
      .min(1, errorText({ vi: 'Chọn ít nhất một kênh', en: 'Pick at least one channel' }))
      .refine((cs) => new Set(cs).size === cs.length, errorText({ vi: 'Mỗi kênh chỉ xuất hiện một lần', en: 'Each channel may appear once' })),
    minSends: z.number().int().min(1).max(100).default(3),
    windowDays: z.number().int().min(1).max(730).default(90),
    halfLifeDays: z.number().min(1).max(365).default(30),
  }),
  defaultConfig: { channels: ['email', 'zalo', 'sms'], minSends: 3, windowDays: 90, halfLifeDays: 30 },
  form: {
    channels: {
      label: { vi: 'Các kênh để chọn', en: 'Channels to choose from' },
      widget: 'multiselect',
      options: channels.map((c) => ({ value: c, label: channelLabels[c] })),
    },
    minSends: { label: { vi: 'Số lần gửi tối thiểu để tính một kênh', en: 'Sends before a channel counts' }, widget: 'number' },
    windowDays: { label: { vi: 'Xét lịch sử trong (ngày)', en: 'History window (days)' }, widget: 'number' },
    halfLifeDays: { label: { vi: 'Chu kỳ bán rã (ngày): tương tác cũ hơn nhẹ đi một nửa', en: 'Half-life (days): older engagement weighs half' }, widget: 'number' },
  },
  ports: (c) => [
    ...c.channels.map((ch) => ({ id: ch, label: channelLabels[ch] })),
    // Customers with no history still get a channel (the first reachable one); this port is only
    // for those no offered channel can reach with their consent, e.g. a phone-only customer.
    { id: 'fallback', label: { vi: 'Không liên lạc được qua kênh nào', en: 'No reachable, subscribed channel' } },
  ],
  summary: (c) =>
    inEachLanguage((lang) => `${lang === 'vi' ? 'Kênh tốt nhất trong' : 'Best of'} ${c.channels.map((ch) => channelLabels[ch][lang]).join(', ')}`),
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'bestChannel', channels: [...c.channels], minSends: c.minSends, windowDays: c.windowDays, halfLifeDays: c.halfLifeDays },
        outputs: [...c.channels.map((ch) => ({ port: ch, next: ctx.next(ch) })), { port: 'fallback', next: ctx.next('fallback') }],
      },
    ],
  }),
});
