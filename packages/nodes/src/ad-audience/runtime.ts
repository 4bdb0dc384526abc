import { implementNodeType } from '@braid/sdk/server';
import { adAudience } from './definition';

export const adAudienceRuntime = implementNodeType(adAudience, async (ctx) => {
  for (const platform of ctx.config.platforms) {
    // One key per platform: a retry after Facebook succeeded and Google failed must not re-add to Facebook twice.
    await ctx.services.changeAudience({
      platform,
      audience: ctx.config.audience,
      operation: ctx.config.operation,
      idempotencyKey: `${ctx.idempotencyKey}:${platform}`,
    });
  }
  return { platforms: ctx.config.platforms, operation: ctx.config.operation };
});
