// The message a test customer would get at a send step: its subject and text rendered with their
// profile, the entry event and what earlier steps produced (the voucher code), by the same Liquid
// rules as the preview. The Liquid engine loads only when a test run shows a message.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json } from '@braid/sdk';
import { useCanvas } from '../canvas/store';
import { liquidProblemText } from '../panel/liquidProblemText';

export type MessageContext = { traits: Record<string, Json>; entry: { name: string; properties: Record<string, Json> }; variables: Record<string, Json> };

type Rendered = { subject: string | null; body: string } | { error: string };

// Email bodies may be HTML: the trace shows the words, not the markup (plain text keeps its lines).
const plain = (text: string) => (/<[a-z!]/i.test(text) ? text.replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') : text).trim();

export function RenderedMessage({ nodeId, context }: { nodeId: string; context: MessageContext }) {
  const { t } = useTranslation();
  const [out, setOut] = useState<Rendered | null>(null);
  const config = useCanvas((s) => s.nodes.find((n) => n.id === nodeId)?.data.config) as { subject?: unknown; body?: unknown } | undefined;

  useEffect(() => {
    let live = true;
    const data = { ...context.variables, customer: context.traits, entry: context.entry, event: context.entry };
    void import('../panel/renderPreview').then(async ({ renderPreview }) => {
      const subject = typeof config?.subject === 'string' && config.subject ? await renderPreview(config.subject, data) : null;
      const body = await renderPreview(typeof config?.body === 'string' ? config.body : '', data);
      if (!live) return;
      const failed = [subject, body].find((r) => r && !r.ok);
      if (failed && !failed.ok) return setOut({ error: liquidProblemText(failed.problem) });
      setOut({ subject: subject?.ok ? subject.text : null, body: body.ok ? plain(body.text) : '' });
    });
    return () => {
      live = false;
    };
  }, [config, context, t]);

  if (!out) return null;
  if ('error' in out) return <div className="error">{t('panel.previewError', { message: out.error })}</div>;
  return (
    <blockquote className="sim-message" data-testid={`sim-message-${nodeId}`}>
      {out.subject && <strong>{out.subject}</strong>}
      <div>{out.body.length > 400 ? `${out.body.slice(0, 400)}…` : out.body}</div>
    </blockquote>
  );
}
