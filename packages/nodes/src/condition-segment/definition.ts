import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

export const conditionSegment = defineNodeType({
  id: 'condition-segment',
  category: 'condition',
  version: 1,
  label: 'In a segment?',
  description: 'Branch on whether the customer is in a segment right now.',
  icon: 'users',
  configSchema: z.object({ segmentId: z.string().trim().min(1, { error: 'Pick a segment' }) }),
  defaultConfig: { segmentId: '' },
  form: { segmentId: { label: 'Segment', widget: 'segment' } },
  ports: yesNoPorts,
  summary: (c) => `If in segment ${c.segmentId || '…'}`,
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'branch',
        id: ctx.nodeId,
        condition: { kind: 'segment', segmentId: c.segmentId },
        outputs: [
          { port: 'yes', next: ctx.next('yes') },
          { port: 'no', next: ctx.next('no') },
        ],
      },
    ],
  }),
});
