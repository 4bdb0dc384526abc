import type { DbOrTx } from '@braid/db';
import { createDbAudienceRecorder } from './db-audience-recorder';
import { AD_PLATFORMS, audienceFailed, type AudienceAdapter, type AudienceContext, type AudienceCustomer, type AudienceRef, type AudienceResult } from './types';

export type AudiencesConfig = {
  db: DbOrTx;
  /** Real platforms (facebook, google); every platform not listed only records in audience_members. */
  adapters?: Partial<Record<string, AudienceAdapter>>;
  /** A workspace's own account for a platform, used before `adapters` (the environment's). */
  workspaceAdapter?: (platform: string, workspaceId: string) => Promise<{ adapter: AudienceAdapter | null; error?: string }>;
};

export type AudienceRegistry = {
  adapterFor(platform: string): AudienceAdapter;
  /** Pushes to the platform (when real), then records membership; never throws. */
  change(platform: string, operation: 'add' | 'remove', audience: AudienceRef, customers: AudienceCustomer[], ctx?: AudienceContext): Promise<AudienceResult>;
  /** Platform → adapter name, for the settings screen and logs. */
  describe(): Record<string, string>;
};

export function createAudiences(config: AudiencesConfig): AudienceRegistry {
  const recorders = new Map<string, AudienceAdapter>();
  const recorderFor = (platform: string) => {
    let r = recorders.get(platform);
    if (!r) recorders.set(platform, (r = createDbAudienceRecorder(config.db, platform)));
    return r;
  };
  const adapterFor = (platform: string) => config.adapters?.[platform] ?? recorderFor(platform);
  return {
    adapterFor,
    async change(platform, operation, audience, customers, ctx) {
      let adapter = adapterFor(platform);
      let result: AudienceResult;
      try {
        const own = await config.workspaceAdapter?.(platform, audience.workspaceId);
        // A configured but unusable account must not silently fall back to the installation's.
        if (own?.error) return audienceFailed('AUDIENCE_ACCOUNT_INVALID', `the workspace's ${platform} audience account cannot be used: ${own.error}`, false);
        if (own?.adapter) adapter = own.adapter;
        result = await adapter[operation](audience, customers, ctx);
      } catch (error) {
        return audienceFailed('AUDIENCE_ADAPTER_CRASHED', `${adapter.name} threw: ${error instanceof Error ? error.message : String(error)}`, true);
      }
      if (result.status === 'done' && adapter.name !== 'sandbox') await recorderFor(platform)[operation](audience, customers, ctx);
      return result;
    },
    describe: () => Object.fromEntries(AD_PLATFORMS.map((p) => [p, adapterFor(p).name])),
  };
}
