// The unsubscribe address a message carries, and the RFC 8058 one-click headers for email.
import type { TrackingLinks } from '../tracking/rewrite-html';
import { signUnsubscribeToken, signWorkspaceUnsubscribeToken, type UnsubscribeClaim } from './unsubscribe-token';

/**
 * Public page and one-click endpoint: GET shows the preferences, POST `List-Unsubscribe=One-Click`
 * unsubscribes. Signed with the workspace's key when `links` were resolved for the claim's
 * workspace (linksForWorkspace), else with the installation's secret.
 */
export function unsubscribeUrl(links: TrackingLinks, claim: UnsubscribeClaim): string {
  const key = links.workspaceKey;
  if (key && key.workspaceId !== claim.workspaceId) throw new Error(`links resolved for workspace ${key.workspaceId} cannot sign a link of ${claim.workspaceId}`);
  const token = key ? signWorkspaceUnsubscribeToken(key, claim) : signUnsubscribeToken(links.secret, claim);
  return `${links.baseUrl.replace(/\/+$/, '')}/t/u/${token}`;
}

/**
 * RFC 2369 List-Unsubscribe with RFC 8058 one-click: mail clients (Gmail, Yahoo) show an
 * "Unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to the URL, no page visit needed.
 */
export const listUnsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
