import { channelLabels, channels, defineNodeType } from '@braid/sdk';
import { z } from 'zod';

export const conditionBestChannel = defineNodeType({
  id: 'condition-best-channel',
  category: 'condition',
  version: 1,
  label: 'Best channel',
  description: 'Route each customer to the channel they engage with most; the rest take the fallback path.',
  icon: 'radar',
  configSchema: z.object({
    channels: z
      .array(z.enum(channels))
      .min(1, { error: 'Pick at least one channel' })
      .refine((cs) => new Set(cs).size === cs.length, { error: 'Each channel may appear once' }),
  }),
  defaultConfig: { channels: ['email', 'zalo', 'sms'] },
  form: {
    channels: { label: 'Channels to choose from', widget: 'multiselect', options: channels.map((c) => ({ value: c, label: channelLabels[c] })) },
  },
  ports: (c) => [
    ...c.channels.map((ch) => ({ id: ch, label: channelLabels[ch] })),
    { id: 'fallback', label: 'No engagement yet' },
  ],
  summary: (c) => `Best of ${c.channels.map((ch) => channelLabels[ch]).join(', ')}`,
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
