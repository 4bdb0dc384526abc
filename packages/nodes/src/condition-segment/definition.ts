import { defineNodeType, errorText } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

export const conditionSegment = defineNodeType({
  id: 'condition-segment',
  category: 'condition',
  version: 1,
  label: { vi: 'Thuộc phân khúc?', en: 'In a segment?' },
  description: { vi: 'Rẽ nhánh theo việc khách có đang thuộc một phân khúc hay không.', en: 'Branch on whether the customer is in a segment right now.' },
  icon: 'users',
  configSchema: z.object({ segmentId: z.string().trim().min(1, errorText({ vi: 'Hãy chọn một phân khúc', en: 'Pick a segment' })) }),
  defaultConfig: { segmentId: '' },
  form: { segmentId: { label: { vi: 'Phân khúc', en: 'Segment' }, widget: 'segment' } },
  ports: yesNoPorts,
  summary: (c) => ({ vi: `Nếu thuộc phân khúc ${c.segmentId || '…'}`, en: `If in segment ${c.segmentId || '…'}` }),
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
