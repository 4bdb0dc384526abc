import { defineNodeType, describeFilter, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

export const conditionTrait = defineNodeType({
  id: 'condition-trait',
  category: 'condition',
  version: 1,
  label: 'Check the profile',
  description: 'Branch on what we know about the customer: city, VIP tier, total spent ...',
  icon: 'user-check',
  configSchema: z.object({
    filters: z.array(propertyFilterSchema).min(1, { error: 'Add at least one rule, e.g. address.city is Hà Nội' }),
    match: z.enum(['all', 'any']).default('all'),
  }),
  defaultConfig: { filters: [{ path: '', op: 'equals', value: '' }], match: 'all' },
  form: {
    filters: { label: 'Rules', widget: 'trait-filters' },
    match: {
      label: 'Customers must match',
      widget: 'select',
      options: [
        { value: 'all', label: 'all rules' },
        { value: 'any', label: 'any rule' },
      ],
    },
  },
  ports: yesNoPorts,
  summary: (c) => `If ${c.filters.map(describeFilter).join(c.match === 'all' ? ' and ' : ' or ')}`,
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'trait', filters: c.filters, all: c.match === 'all' },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
