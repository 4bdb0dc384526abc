// Profiles merged into this customer, with "unmerge" where Braid kept what to restore, and a
// search to merge another profile of the same person into this one.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { customer360Api, customerName, type CustomerSummary, type MergedView, type UnmergeResult } from './api';
import { describeCustomerError } from './errors';

export function MergeBox({ customerId, name, merged, onChanged }: { customerId: string; name: string; merged: MergedView[]; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CustomerSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<UnmergeResult | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (q.trim().length < 2) return setFound([]);
    const timer = setTimeout(() => {
      customer360Api
        .search(q, null, 8)
        .then((page) => setFound(page.customers.filter((c) => c.id !== customerId)))
        .catch((e: unknown) => setError(describeCustomerError(e, t)));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, customerId, t]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      onChanged();
    } catch (e) {
      setError(describeCustomerError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const label = (c: { id: string; traits: Record<string, unknown> }) => customerName(c.traits) ?? (typeof c.traits.email === 'string' ? c.traits.email : c.id);

  return (
    <div className="box" data-testid="customer-merges">
      <h2>{t('customers.merged')}</h2>
      {error && <div className="error-box" role="alert">{error}</div>}
      {result && (
        <div className="sub" role="status">
          {t('customers.unmerged', { identities: result.moved.identities ?? 0, events: result.moved.events ?? 0, messages: result.moved.messages ?? 0 })}
          <div>{t('customers.kept')}</div>
          <ul>
            {result.kept.map((k) => (
              <li key={k.code}>{t(`customers.keptCode.${k.code}`, { defaultValue: k.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {merged.length === 0 && <p className="muted">{t('customers.mergedNone')}</p>}
      <ul className="plain">
        {merged.map((m) => (
          <li key={m.id}>
            <a href={`#/customers/${encodeURIComponent(m.id)}`}>{label(m)}</a>
            <div className="sub">
              {m.manual ? t('customers.mergedManual', { by: m.by, when: formatDateTime(m.at, i18n.language) }) : t('customers.mergedAuto', { when: formatDateTime(m.at, i18n.language) })}
            </div>
            {m.canUnmerge ? (
              <button className="small" disabled={busy} onClick={() => void act(async () => setResult(await customer360Api.unmerge(customerId, m.id)))}>
                {t('customers.unmerge')}
              </button>
            ) : (
              <div className="sub">{t('customers.unmergeAutoHelp')}</div>
            )}
          </li>
        ))}
      </ul>
      <h2 style={{ marginTop: 12 }}>{t('customers.mergeTitle')}</h2>
      <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('customers.mergePlaceholder')} data-testid="merge-search" />
      <ul className="merge-results">
        {found.map((c) => (
          <li key={c.id}>
            <span>{label(c)} <span className="sub">{typeof c.traits.phone === 'string' ? c.traits.phone : ''}</span></span>
            <button
              className="small"
              disabled={busy}
              onClick={() => {
                if (!window.confirm(t('customers.mergeConfirm', { other: label(c), name }))) return;
                void act(async () => {
                  await customer360Api.merge(customerId, c.id);
                  setResult(null);
                  setQ('');
                });
              }}
            >
              {t('customers.mergeButton')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
