// Sends events to Braid's /v1/batch: queued and sent together (every FLUSH_MS or FLUSH_AT events),
// retried with exponential backoff when the network or Braid fails, and handed to sendBeacon when
// the page goes away. Bodies are text/plain with the write key inside, so the browser sends them
// without a CORS preflight.
export type SegmentEvent = Record<string, unknown> & { type: string; messageId: string };

export type TransportOptions = {
  host: string;
  writeKey: string;
  flushAt: number;
  flushMs: number;
  maxRetries: number;
};

/** Batches are kept under Braid's 500 KB request limit with room to spare. */
const MAX_BATCH = 100;

export class Transport {
  private queue: SegmentEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly options: TransportOptions) {
    // pagehide fires where unload does not (bfcache, mobile); visibilitychange catches tab switches.
    addEventListener('pagehide', () => this.beacon());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.beacon();
    });
  }

  enqueue(event: SegmentEvent): void {
    this.queue.push(event);
    if (this.queue.length >= this.options.flushAt) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Sends everything queued; resolves once it was accepted or given up on. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches: SegmentEvent[][] = [];
    while (this.queue.length > 0) batches.push(this.queue.splice(0, MAX_BATCH));
    this.inFlight = this.inFlight.then(async () => {
      for (const batch of batches) await this.send(batch);
    });
    return this.inFlight;
  }

  private body(batch: SegmentEvent[]): string {
    return JSON.stringify({ writeKey: this.options.writeKey, sentAt: new Date().toISOString(), batch });
  }

  private async send(batch: SegmentEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let answer = '';
      try {
        const res = await fetch(`${this.options.host}/v1/batch`, { method: 'POST', body: this.body(batch), headers: { 'content-type': 'text/plain' }, keepalive: true, credentials: 'omit' });
        status = res.status;
        if (res.ok) return;
        answer = await res.text();
      } catch {
        status = 0; // offline, DNS, connection reset: worth another try
      }
      const retryable = status === 0 || status === 429 || status === 408 || status >= 500;
      if (!retryable || attempt >= this.options.maxRetries) {
        // A 4xx will never succeed (forged key, origin not allowed, bad event): say why, drop it.
        console.warn(`[braid] ${batch.length} event(s) not sent (${status || 'network error'}): ${answer}`);
        return;
      }
      const delay = Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** The page is going away: what is still queued leaves with sendBeacon, which outlives the page. */
  private beacon(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    const body = new Blob([this.body(batch)], { type: 'text/plain' });
    if (!navigator.sendBeacon?.(`${this.options.host}/v1/batch`, body)) {
      this.queue.unshift(...batch);
      void this.flush();
    }
  }
}
