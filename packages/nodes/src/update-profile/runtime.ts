import { implementNodeType } from '@braid/sdk/server';
import { updateProfile } from './definition';

export const updateProfileRuntime = implementNodeType(updateProfile, async (ctx) => {
  await ctx.services.updateProfile({ set: ctx.config.set, unset: ctx.config.unset, idempotencyKey: ctx.idempotencyKey });
});
