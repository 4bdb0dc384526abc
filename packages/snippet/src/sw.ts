// Braid's service worker, imported by the shop's one-line /braid-sw.js: shows each web push as
// a notification and opens the message's link (or the shop) when it is clicked.
type PushPayload = { title?: string; body?: string; url?: string; icon?: string; messageId?: string | null };

type NotificationClick = Event & { notification: { data?: PushPayload; close(): void }; waitUntil(p: Promise<unknown>): void };
type PushEventLike = Event & { data: { json(): unknown } | null; waitUntil(p: Promise<unknown>): void };
type WorkerScope = {
  addEventListener(type: 'push', listener: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: NotificationClick) => void): void;
  registration: { showNotification(title: string, options: Record<string, unknown>): Promise<void>; scope: string };
  clients: { openWindow(url: string): Promise<unknown> };
};

const worker = self as unknown as WorkerScope;

worker.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = {};
  }
  event.waitUntil(worker.registration.showNotification(payload.title || location.hostname, { body: payload.body ?? '', icon: payload.icon, data: payload }));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? worker.registration.scope;
  event.waitUntil(worker.clients.openWindow(url));
});
