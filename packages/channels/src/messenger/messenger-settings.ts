export type MessengerSettings = {
  pageAccessToken: string;
  /** With the app secret, every call carries appsecret_proof (recommended by Meta for server calls). */
  appSecret?: string;
  /** Graph API version, e.g. "v23.0". */
  graphVersion: string;
  baseUrl: string;
  /**
   * Tag for messages outside the 24-hour window (POST_PURCHASE_UPDATE, CONFIRMED_EVENT_UPDATE,
   * ACCOUNT_UPDATE, HUMAN_AGENT). Without one such sends fail as MESSENGER_OUTSIDE_WINDOW.
   */
  fallbackTag?: string;
  timeoutMs: number;
};

export const GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v23.0';
export const MESSAGE_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'] as const;

/**
 * MESSENGER_PAGE_ACCESS_TOKEN turns real Messenger sends on; MESSENGER_APP_SECRET,
 * MESSENGER_GRAPH_VERSION, MESSENGER_BASE_URL, MESSENGER_MESSAGE_TAG, MESSENGER_TIMEOUT_MS.
 */
export function messengerSettingsFromEnv(env: Record<string, string | undefined> = process.env): MessengerSettings | null {
  const pageAccessToken = env.MESSENGER_PAGE_ACCESS_TOKEN;
  if (!pageAccessToken) return null;
  const tag = env.MESSENGER_MESSAGE_TAG?.toUpperCase();
  if (tag && !(MESSAGE_TAGS as readonly string[]).includes(tag)) throw new Error(`MESSENGER_MESSAGE_TAG must be one of ${MESSAGE_TAGS.join(', ')}, not ${JSON.stringify(env.MESSENGER_MESSAGE_TAG)}`);
  const timeout = Number(env.MESSENGER_TIMEOUT_MS);
  return {
    pageAccessToken,
    ...(env.MESSENGER_APP_SECRET ? { appSecret: env.MESSENGER_APP_SECRET } : {}),
    graphVersion: env.MESSENGER_GRAPH_VERSION || DEFAULT_GRAPH_VERSION,
    baseUrl: env.MESSENGER_BASE_URL || GRAPH_BASE_URL,
    ...(tag ? { fallbackTag: tag } : {}),
    timeoutMs: timeout > 0 ? timeout : 10_000,
  };
}
