import { defineNodeType, eventMatcherSchema } from '@braid/sdk';
import { z } from 'zod';

export const exitCriteria = defineNodeType({
  id: 'exit-criteria',
  category: 'setting',
  version: 1,
  label: 'Exit criteria',
  description: 'Events that take a customer out of the journey wherever they are, e.g. Unsubscribed.',
  icon: 'octagon-x',
  configSchema: z.object({ events: z.array(eventMatcherSchema).min(1, { error: 'Add at least one event that removes customers' }) }),
  defaultConfig: { events: [{ event: 'Unsubscribed', where: [] }] },
  form: { events: { label: 'Remove customers when', widget: 'event-filters', help: 'One entry per event, each with optional conditions' } },
  ports: [],
  summary: (c) => `Exit when ${c.events.map((e) => e.event).join(' or ')}`,
  compile: (c) => ({ exitCriteria: c.events.map((e) => ({ match: { event: e.event, where: e.where } })) }),
});
