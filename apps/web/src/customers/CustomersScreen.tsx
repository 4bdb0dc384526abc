// #/customers: find a customer by name, email, phone in any spelling, user id or channel id.
// Typing searches after a short pause; results page with "show more" (the server's cursor).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { customer360Api, customerName, type CustomerSummary } from './api';
import { describeCustomerError } from './errors';
import { useCustomerTexts } from './texts';
import './customers.css';

const TYPING_PAUSE_MS = 250;

export function CustomersScreen() {
  useCustomerTexts();
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<CustomerSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Answers to an older query arriving late must not replace the newer one's.
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setBusy(true);
      customer360Api
        .search(q, null)
        .then((page) => {
          if (ticket !== latest.current) return;
          setRows(page.customers);
          setCursor(page.nextCursor);
          setError(null);
        })
        .catch((e: unknown) => ticket === latest.current && setError(describeCustomerError(e, t)))
        .finally(() => ticket === latest.current && setBusy(false));
    }, q ? TYPING_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [q, t]);

  async function more() {
    if (!cursor) return;
    const ticket = latest.current;
    setBusy(true);
    try {
      const page = await customer360Api.search(q, cursor);
      if (ticket !== latest.current) return;
      setRows((r) => [...(r ?? []), ...page.customers]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(describeCustomerError(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page customers">
      <h1>{t('customers.title')}</h1>
      <label className="customer-search">
        <span>{t('customers.searchLabel')}</span>
        <input
          type="search"
          autoFocus
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('customers.searchPlaceholder')}
          data-testid="customer-search"
        />
        <small className="muted">{t('customers.searchHelp')}</small>
      </label>
      {error && <div className="error-box" role="alert">{error}</div>}
      {rows?.length === 0 && <p className="muted" data-testid="customers-empty">{q.trim() ? t('customers.empty', { q: q.trim() }) : t('customers.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="table" data-testid="customer-results">
          <thead>
            <tr>
              <th>{t('customers.name')}</th>
              <th>{t('customers.email')}</th>
              <th>{t('customers.phone')}</th>
              <th>{t('customers.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="customer-row">
                <td>
                  <a href={`#/customers/${encodeURIComponent(c.id)}`}>{customerName(c.traits) ?? t('customers.unnamed')}</a>
                </td>
                <td>{typeof c.traits.email === 'string' ? c.traits.email : '—'}</td>
                <td>{typeof c.traits.phone === 'string' ? c.traits.phone : '—'}</td>
                <td>{formatDateTime(c.lastSeenAt ?? c.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button onClick={() => void more()} disabled={busy} data-testid="customers-more">
          {t('customers.more')}
        </button>
      )}
      {busy && !rows && <p className="muted">{t('customers.loading')}</p>}
    </section>
  );
}
