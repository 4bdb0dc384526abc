import type { WebhookOptions } from './webhook-adapter';

/**
 * WEBHOOK_SIGNING_SECRET turns real webhook delivery on (otherwise webhooks stay in the sandbox);
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true and WEBHOOK_ALLOW_LIST="host,10.0.0.0/8" open internal
 * destinations; WEBHOOK_TIMEOUT_MS bounds each send.
 */
export function webhookOptionsFromEnv(env: Record<string, string | undefined> = process.env): WebhookOptions | null {
  const secret = env.WEBHOOK_SIGNING_SECRET;
  if (!secret) return null;
  const allowList = (env.WEBHOOK_ALLOW_LIST ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const timeout = Number(env.WEBHOOK_TIMEOUT_MS);
  return {
    secret,
    allowPrivateNetworks: ['1', 'true', 'yes'].includes((env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? '').toLowerCase()),
    ...(allowList.length > 0 ? { allowList } : {}),
    ...(timeout > 0 ? { timeoutMs: timeout } : {}),
  };
}
