// analytics.js call shapes turned into Segment spec events.
import { newId, type Identity } from './identity';
import type { SegmentEvent } from './transport';

export const VERSION = '1.0.0';

type Props = Record<string, unknown>;
const isObject = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);

function pageContext(): Props {
  return { path: location.pathname, referrer: document.referrer, search: location.search, title: document.title, url: location.href };
}

function base(identity: Identity, type: string, options: unknown): SegmentEvent {
  const extra = isObject(options) && isObject(options.context) ? options.context : {};
  return {
    type,
    messageId: newId(),
    anonymousId: identity.anonymousId,
    ...(identity.userId ? { userId: identity.userId, ...(identity.userHash ? { userHash: identity.userHash } : {}) } : {}),
    timestamp: new Date().toISOString(),
    context: {
      library: { name: 'braid.js', version: VERSION },
      page: pageContext(),
      userAgent: navigator.userAgent,
      locale: navigator.language,
      ...extra,
    },
  };
}

/** track(event, [properties], [options]) */
export function trackEvent(identity: Identity, args: unknown[]): SegmentEvent {
  const [event, properties, options] = args;
  return { ...base(identity, 'track', options), event: String(event), properties: isObject(properties) ? properties : {} };
}

/**
 * identify([userId], [traits], [options]); a user id once given sticks to the browser, and so does
 * `options.userHash`, the signature the shop's server made for it (identity verification).
 */
export function identifyEvent(identity: Identity, args: unknown[]): SegmentEvent {
  const [first, second, third] = args;
  const named = typeof first === 'string' || typeof first === 'number';
  const traits = named ? second : first;
  const options = named ? third : second;
  const userHash = isObject(options) && typeof options.userHash === 'string' && options.userHash !== '' ? options.userHash : null;
  identity.identify(named ? String(first) : null, userHash);
  return { ...base(identity, 'identify', options), traits: isObject(traits) ? traits : {} };
}

/** page([category], [name], [properties], [options]) */
export function pageEvent(identity: Identity, args: unknown[]): SegmentEvent {
  const strings = args.filter((a) => typeof a === 'string') as string[];
  const objects = args.filter(isObject);
  const [category, name] = strings.length >= 2 ? [strings[0], strings[1]] : [undefined, strings[0]];
  const properties = { ...pageContext(), ...(objects[0] ?? {}), ...(name ? { name } : {}), ...(category ? { category } : {}) };
  return { ...base(identity, 'page', objects[1]), ...(name ? { name } : {}), ...(category ? { category } : {}), properties };
}
