import { comparisonLabels, defineNodeType, describeDuration, durationSchema, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

const countComparisons = ['greaterOrEqual', 'greaterThan', 'equals', 'lessThan', 'lessOrEqual'] as const;

export const conditionEventCount = defineNodeType({
  id: 'condition-event-count',
  category: 'condition',
  version: 1,
  label: 'Did something N times',
  description: 'Branch on how often the customer did an event recently, e.g. viewed a product 2+ times in 7 days.',
  icon: 'repeat',
  configSchema: z.object({
    event: z.string().trim().min(1, { error: 'Name the event to count' }),
    where: z.array(propertyFilterSchema).default([]),
    op: z.enum(countComparisons).default('greaterOrEqual'),
    count: z.number().int().min(0, { error: 'Count cannot be negative' }),
    within: durationSchema,
  }),
  defaultConfig: { event: '', where: [], op: 'greaterOrEqual', count: 1, within: { amount: 7, unit: 'days' } },
  form: {
    event: { label: 'Event', widget: 'event-name' },
    where: { label: 'Only when', widget: 'event-filters' },
    op: { label: 'Number of times', widget: 'select', options: countComparisons.map((v) => ({ value: v, label: comparisonLabels[v] })) },
    count: { label: 'Times', widget: 'number' },
    within: { label: 'In the last', widget: 'duration' },
  },
  ports: yesNoPorts,
  summary: (c) => `Did ${c.event || '…'} ${comparisonLabels[c.op]} ${c.count} times in ${describeDuration(c.within)}`,
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'eventCount', event: c.event, where: c.where, op: c.op, count: c.count, windowMs: ctx.ms(c.within) },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
