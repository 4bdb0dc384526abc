import { JOURNEY_MESSAGE_TAGS } from '../policy/conversation-window';

export type MessengerSettings = {
  pageAccessToken: string;
  /** With the app secret, every call carries appsecret_proof (recommended by Meta for server calls). */
  appSecret?: string;
  /** Graph API version, e.g. "v23.0". */
  graphVersion: string;
  baseUrl: string;
  timeoutMs: number;
};

export const GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v23.0';
export const MESSAGE_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'] as const;

/**
 * MESSENGER_PAGE_ACCESS_TOKEN turns real Messenger sends on; MESSENGER_APP_SECRET,
 * MESSENGER_GRAPH_VERSION, MESSENGER_BASE_URL, MESSENGER_TIMEOUT_MS.
 */
export function messengerSettingsFromEnv(env: Record<string, string | undefined> = process.env): MessengerSettings | null {
  // One tag for every send used to be tried again after Facebook refused a message outside the
  // window. The tag is a promise about the message's content, so each send step chooses it and
  // the sending policy decides before any call: a leftover setting would only mislead.
  if (env.MESSENGER_MESSAGE_TAG?.trim()) {
    throw new Error(
      'MESSENGER_MESSAGE_TAG is no longer read: the Messenger message tag is chosen per send step now ' +
        `(${JOURNEY_MESSAGE_TAGS.join(', ')}); outside the 24-hour window a step without one is skipped with its reason. ` +
        'Remove MESSENGER_MESSAGE_TAG and choose the tag on the steps that need it.',
    );
  }
  const pageAccessToken = env.MESSENGER_PAGE_ACCESS_TOKEN;
  if (!pageAccessToken) return null;
  const timeout = Number(env.MESSENGER_TIMEOUT_MS);
  return {
    pageAccessToken,
    ...(env.MESSENGER_APP_SECRET ? { appSecret: env.MESSENGER_APP_SECRET } : {}),
    graphVersion: env.MESSENGER_GRAPH_VERSION || DEFAULT_GRAPH_VERSION,
    baseUrl: env.MESSENGER_BASE_URL || GRAPH_BASE_URL,
    timeoutMs: timeout > 0 ? timeout : 10_000,
  };
}
