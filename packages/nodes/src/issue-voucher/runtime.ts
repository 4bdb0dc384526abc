import { durationToMs } from '@braid/sdk';
import { implementNodeType } from '@braid/sdk/server';
import { issueVoucher } from './definition';

export const issueVoucherRuntime = implementNodeType(issueVoucher, async (ctx) => {
  const c = ctx.config;
  const v = await ctx.services.issueVoucher({
    discount: c.discountType === 'amount' ? { kind: 'amount', amount: c.amount, currency: c.currency } : { kind: 'percent', percent: c.percent },
    prefix: c.prefix,
    expiresAt: new Date(Date.parse(ctx.now) + durationToMs(c.validFor)).toISOString(),
    ...(c.minOrder > 0 ? { minOrder: c.minOrder } : {}),
    idempotencyKey: ctx.idempotencyKey,
  });
  // Becomes {{ voucher.code }} etc. in later templates.
  return {
    code: v.code,
    expiresAt: v.expiresAt,
    amount: c.discountType === 'amount' ? c.amount : null,
    percent: c.discountType === 'percent' ? c.percent : null,
    currency: c.currency,
  };
});
