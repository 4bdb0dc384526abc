import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';

const branchSchema = z.object({
  label: z.string().trim().min(1, { error: 'Name this path' }),
  percent: z.number().min(0, { error: 'Percent cannot be negative' }).max(100, { error: 'At most 100%' }),
});

export const conditionRandomSplit = defineNodeType({
  id: 'condition-random-split',
  category: 'condition',
  version: 1,
  label: 'Random split',
  description: 'Send customers down paths at random (A/B tests), optionally keeping a holdout group that gets nothing.',
  icon: 'split',
  configSchema: z.object({
    branches: z.array(branchSchema).min(2, { error: 'A split needs at least two paths' }).max(10, { error: 'At most 10 paths' }),
    holdoutPercent: z.number().min(0).max(50, { error: 'Hold out at most 50%' }).default(0),
  }),
  defaultConfig: {
    branches: [
      { label: 'A', percent: 50 },
      { label: 'B', percent: 50 },
    ],
    holdoutPercent: 0,
  },
  form: {
    branches: { label: 'Paths', widget: 'split-branches' },
    holdoutPercent: { label: 'Holdout %', widget: 'number', help: 'Customers held out leave the journey; compare their conversions with the rest' },
  },
  ports: (c) => [
    ...c.branches.map((b, i) => ({ id: `path${i}`, label: `${b.label} (${b.percent}%)` })),
    ...(c.holdoutPercent > 0 ? [{ id: 'holdout', label: `Holdout (${c.holdoutPercent}%)`, optional: true }] : []),
  ],
  summary: (c) =>
    `Split ${c.branches.map((b) => `${b.label} ${b.percent}%`).join(' / ')}${c.holdoutPercent > 0 ? `, holdout ${c.holdoutPercent}%` : ''}`,
  validate: (c) => {
    const total = c.branches.reduce((s, b) => s + b.percent, 0) + c.holdoutPercent;
    return Math.abs(total - 100) > 1e-9 ? [{ path: 'branches', message: `The percentages add up to ${total}%, they must add up to 100%` }] : [];
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
