// The unsubscribe address a message carries, and the RFC 8058 one-click headers for email.
import type { TrackingLinks } from '../tracking/rewrite-html';
import { signUnsubscribeToken, type UnsubscribeClaim } from './unsubscribe-token';

/** Public page and one-click endpoint: GET shows the preferences, POST `List-Unsubscribe=One-Click` unsubscribes. */
export const unsubscribeUrl = (links: TrackingLinks, claim: UnsubscribeClaim): string =>
  `${links.baseUrl.replace(/\/+$/, '')}/t/u/${signUnsubscribeToken(links.secret, claim)}`;

/**
 * RFC 2369 List-Unsubscribe with RFC 8058 one-click: mail clients (Gmail, Yahoo) show an
 * "Unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to the URL, no page visit needed.
 */
export const listUnsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
