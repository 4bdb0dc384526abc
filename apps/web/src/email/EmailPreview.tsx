// The email rendered on the server for the customer chosen in the panel's preview (the same MJML
// and escaping as the send), shown in a sandboxed iframe at desktop and mobile widths, with its
// plain-text part, and "send a test to …" through the workspace's account.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailDesign } from '@braid/nodes';
import { describeError } from '../ui/describeError';
import { usePreviewContext } from '../panel/previewContext';
import { messagesApi, type MessageDraft, type RenderedMessage } from './api';

const WIDTHS = { desktop: 640, mobile: 375 } as const;
const FRAME_HEIGHT = 640;
/** A sample voucher, as the panel's text preview uses, until an earlier step issues a real one. */
const SAMPLE_VOUCHER = { code: 'HOABAN-99K-XXXX', value: 99000 };

export function EmailPreview({ design, subject, body }: { design: EmailDesign; subject: string; body: string }) {
  const { t } = useTranslation();
  const { customer, entryProperties } = usePreviewContext();
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop');
  const [rendered, setRendered] = useState<RenderedMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  // The panel is narrower than a desktop mail client: the frame keeps its true width and is scaled to fit.
  const box = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<number>(WIDTHS.desktop);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setRoom(el.clientWidth || WIDTHS.desktop));
    observer.observe(el);
    return () => observer.disconnect();
  }, [rendered !== null]);
  const scale = Math.min(1, room / WIDTHS[width]);

  const draft: MessageDraft = {
    channel: 'email',
    subject,
    body: body || ' ',
    email: design,
    ...(customer ? { customerId: customer.id } : {}),
    entry: { name: 'preview', properties: entryProperties },
    voucher: SAMPLE_VOUCHER,
  };
  const key = JSON.stringify(draft);

  useEffect(() => {
    let live = true;
    // Typing is debounced: one server render after a pause, not one per keystroke.
    const timer = setTimeout(() => {
      messagesApi.preview(JSON.parse(key) as MessageDraft).then(
        (r) => live && (setRendered(r), setError(null)),
        (e: unknown) => live && setError(describeError(e, t)),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, t]);

  async function sendTest() {
    setSending(true);
    setResult(null);
    try {
      const r = await messagesApi.test({ ...draft, to });
      setResult({ ok: r.ok, text: r.ok ? t('email.testSent', { to }) : t('email.failed', { message: r.message }) });
    } catch (e) {
      setResult({ ok: false, text: t('email.failed', { message: describeError(e, t) }) });
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="email-preview" data-testid="email-preview">
      <header>
        <strong>{customer ? t('email.previewFor', { name: customer.name ?? customer.email ?? customer.id }) : t('email.preview')}</strong>
        <span role="group">
          {(Object.keys(WIDTHS) as Array<keyof typeof WIDTHS>).map((w) => (
            <button key={w} type="button" aria-pressed={width === w} data-testid={`email-preview-${w}`} onClick={() => setWidth(w)}>
              {t(`email.${w}`)}
            </button>
          ))}
        </span>
      </header>
      {!customer && <small>{t('email.previewNoCustomer')}</small>}
      {error && <small className="error" data-testid="email-preview-error">{error}</small>}
      {rendered?.html !== undefined && (
        <>
          <div className="email-preview-subject">{rendered.subject}</div>
          <div className="email-preview-box" ref={box}>
            <div className="email-preview-frame" style={{ width: WIDTHS[width] * scale, height: FRAME_HEIGHT * scale }}>
              {/* No scripts, no same-origin: the HTML is shown, never run. */}
              <iframe
                title={t('email.preview')}
                sandbox=""
                srcDoc={rendered.html}
                width={WIDTHS[width]}
                height={FRAME_HEIGHT}
                style={{ transform: `scale(${scale})`, transformOrigin: '0 0' }}
                data-testid="email-preview-frame"
                data-width={width}
              />
            </div>
          </div>
          <details>
            <summary>{t('email.textPart')}</summary>
            <pre data-testid="email-preview-text">{rendered.text}</pre>
          </details>
        </>
      )}
      <div className="email-test">
        <label htmlFor="email-test-to">{t('email.testTo')}</label>
        <input id="email-test-to" data-testid="email-test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} placeholder="ban@shop.vn" />
        <button type="button" data-testid="email-test-send" disabled={sending || !to.includes('@')} onClick={() => void sendTest()}>
          {t('email.test')}
        </button>
        {result && <small className={result.ok ? 'ok' : 'error'} data-testid="email-test-result">{result.text}</small>}
      </div>
    </section>
  );
}
