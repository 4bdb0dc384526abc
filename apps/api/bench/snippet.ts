// The website snippet's side of the bench: its size as shops' visitors download it, and the
// events per second its batching (packages/snippet's Transport and event builders, unchanged)
// gets through /v1, beside the same events posted directly one request each, as a page without
// batching would. The snippet runs in this process with the few page globals it reads stood in
// (cookie, location, navigator, page lifecycle listeners); its requests are real HTTP.
import { snippetBundle } from '../src/website/snippet-bundle';

type Page = { cookie: string; visibilityState: string; addEventListener(): void };

function standInPage(): void {
  const g = globalThis as Record<string, unknown>;
  const page: Page = { cookie: '', visibilityState: 'visible', addEventListener: () => undefined };
  g.document = { ...page, referrer: '', title: 'Hoa Ban Food', documentElement: { lang: 'vi' } };
  g.location = new URL('https://hoabanfood.vn/menu');
  Object.defineProperty(g, 'navigator', { value: { userAgent: 'braid-bench', language: 'vi-VN' }, configurable: true });
  g.addEventListener = () => undefined;
  g.isSecureContext = true;
}

/** The parts of @braid/snippet/core the bench drives (typed here: the snippet compiles against the DOM, the API does not). */
type SnippetCore = {
  Transport: new (options: { host: string; writeKey: string; flushAt: number; flushMs: number; maxRetries: number }) => { enqueue(event: object): void; flush(): Promise<void> };
  Identity: new () => { identify(userId: string): void };
  trackEvent(identity: unknown, args: unknown[]): Record<string, unknown> & { messageId: string };
};
const SNIPPET_CORE = '@braid/snippet/core';

export type SnippetFigures = { gzipBytes: number; minifiedBytes: number; snippetRate: number; snippetRequests: number; directRate: number };

export async function snippetBench(url: string, writeKey: string, total: number, visitors: number): Promise<SnippetFigures> {
  const bundle = await snippetBundle('sdk');
  standInPage();
  // After the stand-ins: the snippet reads the page's globals when its modules load.
  const { Transport, Identity, trackEvent } = (await import(SNIPPET_CORE)) as SnippetCore;
  const perVisitor = Math.floor(total / visitors);
  const pages = Array.from({ length: visitors }, (_, v) => {
    (globalThis as unknown as { document: Page }).document.cookie = '';
    const identity = new Identity();
    identity.identify(`visitor-${v}`);
    const events = Array.from({ length: perVisitor }, (_, i) => trackEvent(identity, [i % 5 === 0 ? 'Order Completed' : 'Product Viewed', { sku: `SKU-${i % 300}`, price: 45000 + (i % 7) * 1000, currency: 'VND' }]));
    return { identity, events };
  });

  // The snippet: each visitor's page queues its events; Transport batches and sends them.
  let requests = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    requests++;
    return realFetch(input, init);
  }) as typeof fetch;
  let started = performance.now();
  try {
    await Promise.all(
      pages.map(async ({ events }) => {
        const transport = new Transport({ host: url, writeKey, flushAt: 20, flushMs: 1_000, maxRetries: 6 });
        for (const e of events) transport.enqueue(e);
        await transport.flush();
      }),
    );
  } finally {
    globalThis.fetch = realFetch;
  }
  const snippetRate = (perVisitor * visitors) / ((performance.now() - started) / 1000);

  // The same events (new message ids, so none is deduplicated), one /v1/track request each.
  const direct = pages.map(({ events }) => events.map((e) => JSON.stringify({ ...e, messageId: `direct-${e.messageId}`, writeKey })));
  started = performance.now();
  await Promise.all(
    direct.map(async (bodies) => {
      for (const body of bodies) {
        const res = await realFetch(`${url}/v1/track`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
        if (res.status !== 200) throw new Error(`track failed: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const directRate = (perVisitor * visitors) / ((performance.now() - started) / 1000);
  return { gzipBytes: bundle.gzip.length, minifiedBytes: bundle.code.length, snippetRate, snippetRequests: requests, directRate };
}
