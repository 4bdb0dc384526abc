import { defineNodeType, describeDuration, durationSchema, errorText } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const issueVoucher = defineNodeType({
  id: 'issue-voucher',
  category: 'action',
  version: 1,
  label: { vi: 'Phát voucher', en: 'Issue a voucher' },
  description: {
    vi: 'Tạo một mã voucher riêng cho khách; các tin sau hiển thị mã bằng {{ voucher.code }}.',
    en: 'Create a unique voucher code for this customer; later messages show it as {{ voucher.code }}.',
  },
  icon: 'ticket',
  configSchema: z.object({
    discountType: z.enum(['amount', 'percent']).default('amount'),
    amount: z.number().min(0, errorText({ vi: 'Số tiền không thể âm', en: 'The amount cannot be negative' })).default(0),
    currency: z.string().length(3).default('VND'),
    percent: z.number().min(0).max(100, errorText({ vi: 'Tối đa 100%', en: 'At most 100%' })).default(0),
    prefix: z
      .string()
      .regex(/^[A-Z0-9-]{0,12}$/, errorText({ vi: 'Tối đa 12 chữ in hoa, chữ số hoặc dấu gạch ngang', en: 'Use up to 12 capital letters, digits or dashes' }))
      .default('BRAID'),
    validFor: durationSchema.default({ amount: 14, unit: 'days' }),
    minOrder: z.number().min(0).default(0),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { discountType: 'amount', amount: 99_000, currency: 'VND', percent: 0, prefix: 'BRAID', validFor: { amount: 14, unit: 'days' }, minOrder: 0, onFailure: 'continue' },
  form: {
    discountType: {
      label: { vi: 'Giảm giá', en: 'Discount' },
      widget: 'select',
      options: [
        { value: 'amount', label: { vi: 'Một số tiền cố định', en: 'A fixed amount' } },
        { value: 'percent', label: { vi: 'Theo phần trăm', en: 'A percentage' } },
      ],
    },
    amount: { label: { vi: 'Số tiền', en: 'Amount' }, widget: 'money', showIf: { field: 'discountType', equals: 'amount' } },
    percent: { label: { vi: 'Phần trăm giảm', en: 'Percent off' }, widget: 'number', showIf: { field: 'discountType', equals: 'percent' } },
    prefix: { label: { vi: 'Mã bắt đầu bằng', en: 'Code starts with' }, widget: 'text' },
    validFor: { label: { vi: 'Hiệu lực trong', en: 'Valid for' }, widget: 'duration' },
    minOrder: { label: { vi: 'Đơn tối thiểu', en: 'Minimum order' }, widget: 'money' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => {
    const valid = describeDuration(c.validFor);
    // Money reads the Vietnamese way in both languages: 99.000 ₫ for VND.
    const amount = c.currency === 'VND' ? `${c.amount.toLocaleString('vi-VN')} ₫` : `${c.amount.toLocaleString('en-US')} ${c.currency}`;
    const off = c.discountType === 'amount' ? amount : `${c.percent}%`;
    return { vi: `Phát voucher ${off}, hiệu lực ${valid.vi}`, en: `Issue a ${off} voucher, valid ${valid.en}` };
  },
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (c.discountType === 'amount' && c.amount <= 0) issues.push({ path: 'amount', message: { vi: 'Nhập giá trị voucher, ví dụ 99000', en: 'Enter the voucher amount, e.g. 99000' } });
    if (c.discountType === 'percent' && c.percent <= 0) issues.push({ path: 'percent', message: { vi: 'Nhập phần trăm giảm, ví dụ 10', en: 'Enter the percentage off, e.g. 10' } });
    return issues;
  },
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'issue-voucher', c, { onFailure: c.onFailure, outputVariable: 'voucher' })] }),
  templateVariable: 'voucher',
});
