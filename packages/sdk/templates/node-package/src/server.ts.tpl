// Server-only: what "__NODE_TYPE_TITLE__" does when a customer reaches the step. Braid's worker
// calls it with the config already checked against the definition's schema.
import type { Json } from '@braid/sdk';
import { implementNodeType, type AnyNodeImplementation } from '@braid/sdk/server';
import { __NODE_TYPE_CONST__ } from './definition.js';

export const __NODE_TYPE_CONST__Implementation = implementNodeType(__NODE_TYPE_CONST__, async (ctx) => {
  const entry = (ctx.entryEvent ?? null) as Json;
  const value = await ctx.services.renderTemplate(ctx.config.value, { customer: { id: ctx.customer.id, ...ctx.customer.traits }, entry, ...ctx.variables });
  // The idempotency key makes a retried or replayed step write once.
  await ctx.services.updateProfile({ set: { [ctx.config.trait]: value }, unset: [], idempotencyKey: ctx.idempotencyKey });
  ctx.services.log(`Set ${ctx.config.trait}`, { value });
  // The output is available to later steps' templates.
  return { trait: ctx.config.trait, value };
});

export const implementations: AnyNodeImplementation[] = [__NODE_TYPE_CONST__Implementation as unknown as AnyNodeImplementation];
