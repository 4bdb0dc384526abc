import { defineNodeType, errorText, eventMatcherSchema } from '@braid/sdk';
import { z } from 'zod';

export const exitCriteria = defineNodeType({
  id: 'exit-criteria',
  category: 'setting',
  version: 1,
  label: { vi: 'Điều kiện thoát', en: 'Exit criteria' },
  description: {
    vi: 'Những sự kiện đưa khách ra khỏi hành trình dù họ đang ở bước nào, ví dụ Unsubscribed.',
    en: 'Events that take a customer out of the journey wherever they are, e.g. Unsubscribed.',
  },
  icon: 'octagon-x',
  configSchema: z.object({
    events: z.array(eventMatcherSchema).min(1, errorText({ vi: 'Thêm ít nhất một sự kiện đưa khách ra', en: 'Add at least one event that removes customers' })),
  }),
  defaultConfig: { events: [{ event: 'Unsubscribed', where: [] }] },
  form: {
    events: {
      label: { vi: 'Đưa khách ra khi', en: 'Remove customers when' },
      widget: 'event-filters',
      help: { vi: 'Mỗi dòng một sự kiện, mỗi sự kiện có thể kèm điều kiện', en: 'One entry per event, each with optional conditions' },
    },
  },
  ports: [],
  summary: (c) => {
    const events = c.events.map((e) => e.event);
    return { vi: `Thoát khi ${events.join(' hoặc ')}`, en: `Exit when ${events.join(' or ')}` };
  },
  compile: (c) => ({ exitCriteria: c.events.map((e) => ({ match: { event: e.event, where: e.where } })) }),
});
