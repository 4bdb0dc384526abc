import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../api/customers';
import type { CustomerRef } from '../api/types';
import { useCanvas } from '../canvas/store';
import { describeError } from '../ui/describeError';
import { liquidProblemText } from './liquidProblemText';
import { renderPreview } from './renderPreview';
import { usePreviewContext } from './previewContext';

function entryEventName(): string | null {
  const trigger = useCanvas.getState().nodes.find((n) => n.data.typeId === 'trigger-event');
  const cfg = trigger?.data.config as { event?: unknown } | undefined;
  return typeof cfg?.event === 'string' && cfg.event ? cfg.event : null;
}

function CustomerPicker() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CustomerRef[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { customer, setCustomer } = usePreviewContext();

  useEffect(() => {
    const timer = setTimeout(() => {
      customersApi.search(q).then(setResults, (e: unknown) => setError(describeError(e, t)));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, t]);

  async function choose(id: string) {
    const ref = results.find((r) => r.id === id) ?? null;
    if (!ref) return setCustomer(null, {}, {});
    try {
      const full = await customersApi.get(id);
      const event = entryEventName();
      const props = event ? ((await customersApi.lastEvent(id, event)) ?? {}) : {};
      setCustomer(ref, full.traits, props);
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  return (
    <div className="customer-picker">
      <input placeholder={t('panel.chooseCustomer')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="preview-customer-search" />
      <select value={customer?.id ?? ''} onChange={(e) => void choose(e.target.value)} data-testid="preview-customer">
        <option value="">—</option>
        {results.map((c) => (
          <option key={c.id} value={c.id}>{c.name ?? c.email ?? c.phone ?? c.id}</option>
        ))}
      </select>
      {error && <small className="error">{error}</small>}
    </div>
  );
}

/** Renders the node's Liquid fields for a chosen real customer, in the browser. */
export function MessagePreview({ fields }: { fields: { name: string; label: string; source: string }[] }) {
  const { t } = useTranslation();
  const { customer, traits, entryProperties } = usePreviewContext();
  const [rendered, setRendered] = useState<{ name: string; label: string; text: string; error?: string }[]>([]);

  useEffect(() => {
    let cancelled = false;
    const data = {
      customer: { id: customer?.id ?? '', ...traits },
      entry: { name: entryEventName() ?? '', properties: entryProperties },
      event: { name: entryEventName() ?? '', properties: entryProperties },
      voucher: { code: 'HOABAN-99K-XXXX', value: 99000 },
    };
    void Promise.all(fields.map(async (f) => {
      const r = await renderPreview(f.source, data);
      return r.ok ? { name: f.name, label: f.label, text: r.text } : { name: f.name, label: f.label, text: '', error: liquidProblemText(r.problem) };
    })).then((out) => !cancelled && setRendered(out));
    return () => {
      cancelled = true;
    };
  }, [fields, customer, traits, entryProperties, t]);

  return (
    <section className="preview" data-testid="message-preview">
      <h4>{t('panel.preview')}</h4>
      <label className="muted">{t('panel.previewFor')}</label>
      <CustomerPicker />
      {rendered.map((r) => (
        <div key={r.name} className="preview-field">
          <small className="muted">{r.label}</small>
          {r.error ? <p className="error" data-testid={`preview-error-${r.name}`}>{t('panel.previewError', { message: r.error })}</p> : <div className="preview-text" data-testid={`preview-${r.name}`}>{r.text}</div>}
        </div>
      ))}
    </section>
  );
}
