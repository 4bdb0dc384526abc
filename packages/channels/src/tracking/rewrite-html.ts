// Adds engagement tracking to an email: every http(s) link goes through a signed click URL and
// a 1x1 pixel marks the open. mailto:, tel:, anchors and links marked data-braid-no-track stay
// as they are.
import { isHttpUrl, signTrackingToken, signWorkspaceTrackingToken, type TrackingClaim } from './tracking-token';
import type { SigningKey, TrackingKeyStore } from './workspace-keys';

export type TrackingLinks = {
  /** Public base URL of the API, e.g. "https://braid.hoaban.vn"; tracking routes live under /t. */
  baseUrl: string;
  /** The installation's secret: verifies links sent before workspaces had their own keys, signs links only where no key store is given. */
  secret: string;
  /** Each workspace's own keys (tracking_keys): senders resolve one with linksForWorkspace(). */
  keys?: TrackingKeyStore;
  /** The workspace key links are signed with, once resolved for one workspace. */
  workspaceKey?: SigningKey & { workspaceId: string };
};

/** The links of one workspace: signed with its current key when a key store is known. */
export async function linksForWorkspace(links: TrackingLinks, workspaceId: string): Promise<TrackingLinks> {
  if (!links.keys || links.workspaceKey?.workspaceId === workspaceId) return links;
  return { ...links, workspaceKey: { workspaceId, ...(await links.keys.signingKey(workspaceId)) } };
}

const tokenOf = (links: TrackingLinks, claim: TrackingClaim) =>
  links.workspaceKey ? signWorkspaceTrackingToken(links.workspaceKey.workspaceId, links.workspaceKey, claim) : signTrackingToken(links.secret, claim);

export const clickUrl = (links: TrackingLinks, messageId: string, url: string) => `${links.baseUrl.replace(/\/+$/, '')}/t/c/${tokenOf(links, { kind: 'click', messageId, url })}`;
export const openPixelUrl = (links: TrackingLinks, messageId: string) => `${links.baseUrl.replace(/\/+$/, '')}/t/o/${tokenOf(links, { kind: 'open', messageId })}`;

/** Braid's own unsubscribe links stay direct: a click redirect in front of them would only add a hop (and a "click"). */
const isUnsubscribeLink = (links: TrackingLinks, url: string) => url.startsWith(`${links.baseUrl.replace(/\/+$/, '')}/t/u/`);

const decodeEntities = (s: string) =>
  s.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, e: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[e] ?? _);
const encodeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** `<a ... href="...">` with either quote style; the tag's other attributes are kept. */
const ANCHOR = /<a\b([^>]*?)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')([^>]*)>/gi;

export function addTrackingToHtml(html: string, links: TrackingLinks, messageId: string): string {
  const rewritten = html.replace(ANCHOR, (tag, before: string, dq: string | undefined, sq: string | undefined, after: string) => {
    if (/data-braid-no-track/i.test(before + after)) return tag;
    const href = decodeEntities((dq ?? sq ?? '').trim());
    if (!isHttpUrl(href) || isUnsubscribeLink(links, href)) return tag;
    return `<a${before}href="${encodeAttr(clickUrl(links, messageId, href))}"${after}>`;
  });
  const pixel = `<img src="${encodeAttr(openPixelUrl(links, messageId))}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
  return /<\/body>/i.test(rewritten) ? rewritten.replace(/<\/body>/i, `${pixel}</body>`) : rewritten + pixel;
}

/** Bare URLs in the plain-text part, so a click from a text-only client counts too. */
export function addTrackingToText(text: string, links: TrackingLinks, messageId: string): string {
  return text.replace(/\bhttps?:\/\/[^\s<>"')\]]+/g, (url) => {
    const trimmed = url.replace(/[.,;:!?]+$/, '');
    if (isUnsubscribeLink(links, trimmed)) return url;
    return clickUrl(links, messageId, trimmed) + url.slice(trimmed.length);
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A plain HTML rendering of a text-only email (paragraphs, line breaks, links), so it can carry
 * the open pixel: without an HTML part no open is ever seen, and "not opened within N hours"
 * would be true for everyone.
 */
export function htmlFromText(text: string): string {
  const linked = (line: string) =>
    escapeHtml(line).replace(/\bhttps?:\/\/[^\s<>"')\]]+/g, (url) => {
      const trimmed = url.replace(/[.,;:!?]+$/, '');
      return `<a href="${trimmed}">${trimmed}</a>${url.slice(trimmed.length)}`;
    });
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.split('\n').map(linked).join('<br />')}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8" /></head><body>${paragraphs}</body></html>`;
}
