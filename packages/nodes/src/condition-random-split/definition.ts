import { defineNodeType, errorText } from '@braid/sdk';
import { z } from 'zod';

const branchSchema = z.object({
  label: z.string().trim().min(1, errorText({ vi: 'Hãy đặt tên nhánh này', en: 'Name this path' })),
  percent: z
    .number()
    .min(0, errorText({ vi: 'Phần trăm không thể âm', en: 'Percent cannot be negative' }))
    .max(100, errorText({ vi: 'Tối đa 100%', en: 'At most 100%' })),
});

export const conditionRandomSplit = defineNodeType({
  id: 'condition-random-split',
  category: 'condition',
  version: 1,
  label: { vi: 'Chia ngẫu nhiên', en: 'Random split' },
  description: {
    vi: 'Chia khách ngẫu nhiên vào các nhánh (thử nghiệm A/B), có thể giữ một nhóm đối chứng không nhận gì.',
    en: 'Send customers down paths at random (A/B tests), optionally keeping a holdout group that gets nothing.',
  },
  icon: 'split',
  configSchema: z.object({
    branches: z
      .array(branchSchema)
      .min(2, errorText({ vi: 'Cần ít nhất hai nhánh', en: 'A split needs at least two paths' }))
      .max(10, errorText({ vi: 'Tối đa 10 nhánh', en: 'At most 10 paths' })),
    holdoutPercent: z.number().min(0).max(50, errorText({ vi: 'Nhóm đối chứng tối đa 50%', en: 'Hold out at most 50%' })).default(0),
  }),
  defaultConfig: {
    branches: [
      { label: 'A', percent: 50 },
      { label: 'B', percent: 50 },
    ],
    holdoutPercent: 0,
  },
  form: {
    branches: { label: { vi: 'Các nhánh', en: 'Paths' }, widget: 'split-branches' },
    holdoutPercent: {
      label: { vi: '% đối chứng', en: 'Holdout %' },
      widget: 'number',
      help: {
        vi: 'Khách trong nhóm đối chứng rời hành trình; so sánh tỉ lệ chuyển đổi của họ với phần còn lại',
        en: 'Customers held out leave the journey; compare their conversions with the rest',
      },
    },
  },
  // Branch names are the marketer's own words: the same in both languages.
  ports: (c) => [
    ...c.branches.map((b, i) => ({ id: `path${i}`, label: { vi: `${b.label} (${b.percent}%)`, en: `${b.label} (${b.percent}%)` } })),
    ...(c.holdoutPercent > 0 ? [{ id: 'holdout', label: { vi: `Đối chứng (${c.holdoutPercent}%)`, en: `Holdout (${c.holdoutPercent}%)` }, optional: true }] : []),
  ],
  summary: (c) => {
    const paths = c.branches.map((b) => `${b.label} ${b.percent}%`).join(' / ');
    const held = c.holdoutPercent > 0;
    return {
      vi: `Chia ${paths}${held ? `, đối chứng ${c.holdoutPercent}%` : ''}`,
      en: `Split ${paths}${held ? `, holdout ${c.holdoutPercent}%` : ''}`,
    };
  },
  validate: (c) => {
    const total = c.branches.reduce((s, b) => s + b.percent, 0) + c.holdoutPercent;
    return Math.abs(total - 100) > 1e-9
      ? [{ path: 'branches', message: { vi: `Tổng phần trăm là ${total}%, phải bằng 100%`, en: `The percentages add up to ${total}%, they must add up to 100%` } }]
      : [];
  },
  compile: (c, ctx) => {
    const outputs = c.branches.map((_, i) => ({ port: `path${i}`, next: ctx.next(`path${i}`) }));
    const weights = c.branches.map((b) => b.percent);
    if (c.holdoutPercent > 0) {
      outputs.push({ port: 'holdout', next: ctx.next('holdout') });
      weights.push(c.holdoutPercent);
    }
    return { steps: [{ type: 'branch', id: ctx.nodeId, condition: { kind: 'randomSplit', weights }, outputs }] };
  },
});
