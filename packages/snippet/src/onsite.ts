// On-site messages from journeys: those waiting for this visitor are fetched on each page view,
// new ones arrive over a live connection (server-sent events) while the visitor stays. Each is
// shown once: the impression is reported at once, and Braid never hands the message out again.
import type { Identity } from './identity';
import { showMessage, type OnsiteMessage } from './popup';
import type { Texts } from './texts';

const SHOWN_KEY = 'braid_shown';

export class Onsite {
  private shown = new Set<string>();
  private waiting: OnsiteMessage[] = [];
  private open = false;
  private source: EventSource | null = null;

  constructor(
    private readonly host: string,
    private readonly writeKey: string,
    private readonly identity: Identity,
    private readonly texts: Texts,
  ) {
    try {
      for (const id of JSON.parse(sessionStorage.getItem(SHOWN_KEY) ?? '[]') as string[]) this.shown.add(id);
    } catch {
      // no storage: the server's record of the impression still keeps it to once
    }
  }

  private url(path: string): string {
    const q = new URLSearchParams({ writeKey: this.writeKey, anonymousId: this.identity.anonymousId });
    return `${this.host}/v1/web/${path}?${q}`;
  }

  async fetchWaiting(): Promise<void> {
    try {
      const res = await fetch(this.url('messages'), { credentials: 'omit' });
      if (!res.ok) {
        console.warn(`[braid] on-site messages unavailable (${res.status}): ${await res.text()}`);
        return;
      }
      const { messages } = (await res.json()) as { messages: OnsiteMessage[] };
      for (const m of messages) this.offer(m);
    } catch {
      // offline: the messages wait for the next page view
    }
  }

  /** Live delivery while the visitor is on the site; EventSource reconnects by itself. */
  listen(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    this.source = new EventSource(this.url('stream'));
    this.source.addEventListener('message', (e) => {
      try {
        this.offer(JSON.parse((e as MessageEvent<string>).data) as OnsiteMessage);
      } catch {
        // a line we do not understand is skipped
      }
    });
  }

  /** When the visitor changes (reset, another anonymous id), the connection follows. */
  restart(): void {
    this.source?.close();
    this.source = null;
    this.listen();
  }

  private offer(message: OnsiteMessage): void {
    if (this.shown.has(message.id) || this.waiting.some((m) => m.id === message.id)) return;
    this.waiting.push(message);
    this.next();
  }

  /** One at a time: the next waits until the visitor closed the current one. */
  private next(): void {
    if (this.open) return;
    const message = this.waiting.shift();
    if (!message) return;
    this.open = true;
    this.shown.add(message.id);
    try {
      sessionStorage.setItem(SHOWN_KEY, JSON.stringify([...this.shown].slice(-50)));
    } catch {
      // see the constructor
    }
    this.report(message.id, 'shown');
    showMessage(message, this.texts, {
      onClick: () => this.report(message.id, 'clicked'),
      onClose: () => {
        this.open = false;
        this.next();
      },
    });
  }

  /** sendBeacon first: a click may navigate away before a fetch would finish. */
  private report(id: string, what: 'shown' | 'clicked'): void {
    const url = `${this.host}/v1/web/messages/${encodeURIComponent(id)}/${what}`;
    const body = JSON.stringify({ writeKey: this.writeKey, anonymousId: this.identity.anonymousId });
    if (navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) return;
    void fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, keepalive: true, credentials: 'omit' }).catch(() => undefined);
  }
}
