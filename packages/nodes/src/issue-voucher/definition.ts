import { defineNodeType, describeDuration, durationSchema } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const issueVoucher = defineNodeType({
  id: 'issue-voucher',
  category: 'action',
  version: 1,
  label: 'Issue a voucher',
  description: 'Create a unique voucher code for this customer; later messages show it as {{ voucher.code }}.',
  icon: 'ticket',
  configSchema: z.object({
    discountType: z.enum(['amount', 'percent']).default('amount'),
    amount: z.number().min(0, { error: 'The amount cannot be negative' }).default(0),
    currency: z.string().length(3).default('VND'),
    percent: z.number().min(0).max(100, { error: 'At most 100%' }).default(0),
    prefix: z
      .string()
      .regex(/^[A-Z0-9-]{0,12}$/, { error: 'Use up to 12 capital letters, digits or dashes' })
      .default('BRAID'),
    validFor: durationSchema.default({ amount: 14, unit: 'days' }),
    minOrder: z.number().min(0).default(0),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { discountType: 'amount', amount: 99_000, currency: 'VND', percent: 0, prefix: 'BRAID', validFor: { amount: 14, unit: 'days' }, minOrder: 0, onFailure: 'continue' },
  form: {
    discountType: {
      label: 'Discount',
      widget: 'select',
      options: [
        { value: 'amount', label: 'A fixed amount' },
        { value: 'percent', label: 'A percentage' },
      ],
    },
    amount: { label: 'Amount', widget: 'money', showIf: { field: 'discountType', equals: 'amount' } },
    percent: { label: 'Percent off', widget: 'number', showIf: { field: 'discountType', equals: 'percent' } },
    prefix: { label: 'Code starts with', widget: 'text' },
    validFor: { label: 'Valid for', widget: 'duration' },
    minOrder: { label: 'Minimum order', widget: 'money' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) =>
    `Issue a ${c.discountType === 'amount' ? `${c.amount.toLocaleString('en-US')} ${c.currency}` : `${c.percent}%`} voucher, valid ${describeDuration(c.validFor)}`,
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (c.discountType === 'amount' && c.amount <= 0) issues.push({ path: 'amount', message: 'Enter the voucher amount, e.g. 99000' });
    if (c.discountType === 'percent' && c.percent <= 0) issues.push({ path: 'percent', message: 'Enter the percentage off, e.g. 10' });
    return issues;
  },
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'issue-voucher', c, { onFailure: c.onFailure, outputVariable: 'voucher' })] }),
  templateVariable: 'voucher',
});
