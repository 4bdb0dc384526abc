// Draws one on-site message: a popup when it has a title, a banner across the top when it has
// only text. Inside a shadow root, so the shop's CSS and ours never touch. A coupon code in the
// text (upper-case letters and digits, as Braid's vouchers are) gets a box and a copy button.
import type { Texts } from './texts';

export type OnsiteMessage = { id: string; subject?: string | null; body: string };

export type PopupHandlers = { onClick: (url: string | null) => void; onClose: () => void };

const COUPON = /\b(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9-]{5,}\b/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/;

const CSS = `
:host{all:initial}
.wrap{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(15,23,42,.45);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a}
.wrap.banner{inset:0 0 auto 0;background:none;display:block}
.box{position:relative;max-width:380px;margin:16px;padding:24px;border-radius:14px;background:#fff;box-shadow:0 20px 50px rgba(0,0,0,.25);text-align:center}
.banner .box{max-width:none;margin:0;border-radius:0;padding:12px 48px;display:flex;gap:12px;align-items:center;justify-content:center;flex-wrap:wrap;box-shadow:0 2px 10px rgba(0,0,0,.15)}
h2{margin:0 0 8px;font-size:20px}
p{margin:0 0 14px;white-space:pre-line}
.banner p{margin:0}
.code{display:inline-flex;gap:8px;align-items:center;margin:0 0 16px;padding:8px 12px;border:2px dashed #e11d48;border-radius:8px;font:600 18px ui-monospace,monospace;letter-spacing:1px}
.banner .code{margin:0}
button{font:inherit;cursor:pointer;border-radius:8px;border:0}
.copy{padding:4px 8px;background:#fee2e2;color:#9f1239;font-size:13px}
.use{padding:10px 18px;background:#e11d48;color:#fff;font-weight:600}
.close{position:absolute;top:8px;right:10px;background:none;font-size:22px;line-height:1;color:#64748b;padding:4px 8px}
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function showMessage(message: OnsiteMessage, texts: Texts, handlers: PopupHandlers): () => void {
  const host = el('div', { 'data-braid-message': message.id });
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', {}, CSS);
  const popup = Boolean(message.subject);
  const wrap = el('div', { class: popup ? 'wrap' : 'wrap banner', 'data-braid': popup ? 'popup' : 'banner' });
  const box = el('div', { class: 'box', role: popup ? 'dialog' : 'status', 'aria-modal': popup ? 'true' : 'false' });
  const close = () => {
    host.remove();
    removeEventListener('keydown', onKey);
    handlers.onClose();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  addEventListener('keydown', onKey);

  const closeButton = el('button', { class: 'close', 'aria-label': texts.close, 'data-braid': 'close' }, '×');
  closeButton.onclick = close;
  box.append(closeButton);
  if (message.subject) box.append(el('h2', {}, message.subject));
  // textContent only: the journey's text is never parsed as HTML on the shop's page.
  box.append(el('p', { 'data-braid': 'body' }, message.body));

  const code = message.body.match(COUPON)?.[0] ?? null;
  const link = message.body.match(URL_IN_TEXT)?.[0] ?? null;
  if (code) {
    const coupon = el('div', { class: 'code', 'data-braid': 'coupon', 'aria-label': texts.code }, code);
    const copy = el('button', { class: 'copy', 'data-braid': 'copy' }, texts.copy);
    copy.onclick = () => {
      void navigator.clipboard?.writeText(code).catch(() => undefined);
      copy.textContent = texts.copied;
      handlers.onClick(null);
    };
    coupon.append(copy);
    box.append(coupon);
  }
  // A button only when there is something to do: take the coupon, or follow the message's link.
  if (code || link) {
    const use = el('button', { class: 'use', 'data-braid': 'cta' }, texts.use);
    use.onclick = () => {
      if (code) void navigator.clipboard?.writeText(code).catch(() => undefined);
      handlers.onClick(link);
      close();
      if (link) location.assign(link);
    };
    box.append(use);
  }
  wrap.append(box);
  if (popup) wrap.onclick = (e) => e.target === wrap && close();
  root.append(style, wrap);
  document.body.append(host);
  return close;
}
