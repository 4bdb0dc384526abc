/** How Braid reaches Zalo: one OA's access token, ZNS template defaults, where the API lives. */
export type ZaloSettings = {
  accessToken: string;
  /**
   * zns: template messages to the customer's phone (Zalo Notification Service).
   * oa: free-text consultation messages to a follower's Zalo user id.
   * auto: a recipient that reads as a phone number goes by ZNS, anything else by OA.
   */
  mode: 'zns' | 'oa' | 'auto';
  /** Template used when a message names none (payload.templateId). */
  templateId?: string;
  /** Template parameter that receives the rendered body when the payload has no templateData. */
  bodyParam: string;
  /** ZNS "development" mode: only the app's admins receive, nothing is charged. */
  development?: boolean;
  znsBaseUrl: string;
  oaBaseUrl: string;
  timeoutMs: number;
};

export const ZNS_BASE_URL = 'https://business.openapi.zalo.me';
export const ZALO_OA_BASE_URL = 'https://openapi.zalo.me';

const truthy = (v: string | undefined) => ['1', 'true', 'yes', 'on'].includes((v ?? '').toLowerCase());

/**
 * ZALO_ACCESS_TOKEN turns real Zalo sends on; ZALO_MODE (zns | oa | auto, default zns),
 * ZALO_ZNS_TEMPLATE_ID, ZALO_ZNS_BODY_PARAM (default "content"), ZALO_ZNS_DEVELOPMENT,
 * ZALO_ZNS_BASE_URL, ZALO_OA_BASE_URL, ZALO_TIMEOUT_MS shape them.
 */
export function zaloSettingsFromEnv(env: Record<string, string | undefined> = process.env): ZaloSettings | null {
  const accessToken = env.ZALO_ACCESS_TOKEN;
  if (!accessToken) return null;
  const mode = (env.ZALO_MODE ?? 'zns').toLowerCase();
  if (mode !== 'zns' && mode !== 'oa' && mode !== 'auto') throw new Error(`ZALO_MODE must be zns, oa or auto, not ${JSON.stringify(env.ZALO_MODE)}`);
  const timeout = Number(env.ZALO_TIMEOUT_MS);
  return {
    accessToken,
    mode,
    ...(env.ZALO_ZNS_TEMPLATE_ID ? { templateId: env.ZALO_ZNS_TEMPLATE_ID } : {}),
    bodyParam: env.ZALO_ZNS_BODY_PARAM || 'content',
    ...(truthy(env.ZALO_ZNS_DEVELOPMENT) ? { development: true } : {}),
    znsBaseUrl: env.ZALO_ZNS_BASE_URL || ZNS_BASE_URL,
    oaBaseUrl: env.ZALO_OA_BASE_URL || ZALO_OA_BASE_URL,
    timeoutMs: timeout > 0 ? timeout : 10_000,
  };
}
