import { defineNodeType, describeFilters, errorText, propertyFilterSchema } from '@braid/sdk';
import { z } from 'zod';
import { yesNoPorts } from '../shared/fields';

export const conditionTrait = defineNodeType({
  id: 'condition-trait',
  category: 'condition',
  version: 1,
  label: { vi: 'Kiểm tra hồ sơ', en: 'Check the profile' },
  description: {
    vi: 'Rẽ nhánh theo những gì ta biết về khách: thành phố, hạng VIP, tổng chi tiêu ...',
    en: 'Branch on what we know about the customer: city, VIP tier, total spent ...',
  },
  icon: 'user-check',
  configSchema: z.object({
    filters: z.array(propertyFilterSchema).min(1, errorText({ vi: 'Thêm ít nhất một quy tắc, ví dụ address.city là Hà Nội', en: 'Add at least one rule, e.g. address.city is Hà Nội' })),
    match: z.enum(['all', 'any']).default('all'),
  }),
  defaultConfig: { filters: [{ path: '', op: 'equals', value: '' }], match: 'all' },
  form: {
    filters: { label: { vi: 'Quy tắc', en: 'Rules' }, widget: 'trait-filters' },
    match: {
      label: { vi: 'Khách phải khớp', en: 'Customers must match' },
      widget: 'select',
      options: [
        { value: 'all', label: { vi: 'tất cả quy tắc', en: 'all rules' } },
        { value: 'any', label: { vi: 'bất kỳ quy tắc nào', en: 'any rule' } },
      ],
    },
  },
  ports: yesNoPorts,
  summary: (c) => {
    const rules = describeFilters(c.filters, c.match);
    return { vi: `Nếu ${rules.vi}`, en: `If ${rules.en}` };
  },
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
