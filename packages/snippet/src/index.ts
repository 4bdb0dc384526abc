// The website snippet served as /sdk.js. The shop pastes a stub that defines `window.braid` as a
// queue of calls (like Segment's analytics.js snippet); this script replays the queue and then
// answers calls directly: track / identify / page / reset / flush / enablePush.
import { pageEvent, identifyEvent, trackEvent, VERSION } from './events';
import { Identity } from './identity';
import { Onsite } from './onsite';
import { enablePush } from './push';
import { textsFor } from './texts';
import { Transport } from './transport';

type Call = [string, ...unknown[]];
type Stub = Call[] & { _writeKey?: string; _options?: Options; initialized?: boolean; invoked?: boolean };
type Options = { host?: string; lang?: string; flushAt?: number; flushMs?: number; onsite?: boolean; serviceWorker?: string };

declare global {
  interface Window {
    braid?: Stub | Braid;
  }
}

export type Braid = ReturnType<typeof start>;

/** Where Braid is: the option, or the origin this script was loaded from. */
function braidHost(options: Options): string {
  if (options.host) return options.host.replace(/\/+$/, '');
  const script = document.currentScript as HTMLScriptElement | null;
  return script?.src ? new URL(script.src).origin : location.origin;
}

function start(writeKey: string, options: Options) {
  const host = braidHost(options);
  const identity = new Identity();
  const transport = new Transport({ host, writeKey, flushAt: options.flushAt ?? 20, flushMs: options.flushMs ?? 1_000, maxRetries: 6 });
  const onsite = options.onsite === false ? null : new Onsite(host, writeKey, identity, textsFor(options.lang));
  let pageViewed = false;
  const api = {
    VERSION,
    initialized: true,
    track: (...args: unknown[]) => transport.enqueue(trackEvent(identity, args)),
    identify: (...args: unknown[]) => {
      const before = identity.anonymousId;
      transport.enqueue(identifyEvent(identity, args));
      if (identity.anonymousId !== before) onsite?.restart();
    },
    page: (...args: unknown[]) => {
      transport.enqueue(pageEvent(identity, args));
      if (pageViewed || !onsite) return;
      pageViewed = true;
      // Braid learns of the visitor first, then is asked what waits for them.
      void transport.flush().then(async () => {
        await onsite.fetchWaiting();
        onsite.listen();
      });
    },
    reset: () => {
      identity.reset();
      onsite?.restart();
    },
    flush: () => transport.flush(),
    enablePush: () => transport.flush().then(() => enablePush(host, writeKey, identity, options.serviceWorker)),
    user: () => ({ anonymousId: identity.anonymousId, userId: identity.userId }),
  };
  return api;
}

function boot(): void {
  const stub = window.braid as Stub | undefined;
  if (!stub || !Array.isArray(stub)) return;
  const writeKey = stub._writeKey;
  if (!writeKey) {
    console.warn('[braid] no write key: call braid.load("bwk_...") in the snippet');
    return;
  }
  const api = start(writeKey, stub._options ?? {});
  const queued = stub.slice();
  window.braid = api;
  for (const [method, ...args] of queued) {
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown)(...args);
  }
}

boot();
