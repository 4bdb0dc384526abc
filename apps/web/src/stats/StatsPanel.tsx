import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../api/customers';
import { journeysApi } from '../api/journeys';
import type { CustomerRef, Trace } from '../api/types';
import { useCanvas } from '../canvas/store';
import type { Highlight } from '../canvas/store';
import { formatDateTime } from '../format';
import { portName, stepName } from '../canvas/stepName';
import { channelText, messageStatusText, outcomeText, reasonText } from '../i18n/journeyWords';
import { describeError } from '../ui/describeError';
import '../reports/texts';

const POLL_MS = 2000;

type Props = { journeyId: string; activeVersion: number | null; focusNodeId: string | null };

const nameOf = (c: CustomerRef) => c.name ?? c.email ?? c.phone ?? c.id;

const label = (id: string | null): string => stepName(id);

/** Live per-node counts on the canvas; a node's customers; a customer's path highlighted. */
export function StatsPanel({ journeyId, activeVersion, focusNodeId }: Props) {
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState<number | null>(activeVersion);
  const [error, setError] = useState<string | null>(null);
  const [customers, setCustomers] = useState<CustomerRef[] | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerRef[]>([]);
  const [trace, setTrace] = useState<{ customer: CustomerRef; trace: Trace | null } | null>(null);

  useEffect(() => setVersion(activeVersion), [activeVersion]);

  useEffect(() => {
    if (!version) return;
    let stopped = false;
    async function poll() {
      try {
        const stats = await journeysApi.stats(journeyId, version);
        if (!stopped) {
          useCanvas.getState().setStats(stats);
          setError(null);
        }
      } catch (e) {
        if (!stopped) setError(describeError(e, t));
      }
    }
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [journeyId, version, t]);

  // Leaving the stats tab removes the overlay.
  useEffect(
    () => () => {
      useCanvas.getState().setStats(null);
      useCanvas.getState().setHighlight({});
    },
    [],
  );

  useEffect(() => {
    if (!focusNodeId || !version) return;
    setCustomers(null);
    // The step log knows ids; names come from the profiles (first 20 are enough to click through).
    const load = async () => {
      const refs = await journeysApi.customersAt(journeyId, focusNodeId, version);
      return Promise.all(refs.slice(0, 20).map((r) => customersApi.get(r.id).catch(() => r)));
    };
    load().then(setCustomers, (e: unknown) => setError(describeError(e, t)));
    const timer = setInterval(() => {
      load().then(setCustomers, () => undefined);
    }, POLL_MS * 2);
    return () => clearInterval(timer);
  }, [journeyId, focusNodeId, version, t]);

  useEffect(() => {
    if (!query.trim()) return setFound([]);
    const timer = setTimeout(() => customersApi.search(query).then(setFound, () => setFound([])), 250);
    return () => clearTimeout(timer);
  }, [query]);

  async function showTrace(customer: CustomerRef) {
    try {
      const result = await journeysApi.trace(journeyId, customer.id);
      setTrace({ customer, trace: result });
      const hl: Record<string, Highlight> = {};
      for (const s of result?.steps ?? []) hl[s.nodeId] = 'visited';
      const last = result?.steps[result.steps.length - 1];
      if (last) hl[last.nodeId] = 'current';
      useCanvas.getState().setHighlight(hl);
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  if (!activeVersion) return <p className="muted">{t('stats.noVersion')}</p>;
  return (
    <div className="stats-panel" data-testid="stats-panel">
      <label className="row">
        {t('stats.version')}
        <input type="number" min={1} value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value) || null)} style={{ width: 70 }} />
      </label>
      <p className="muted legend">↘ {t('stats.entered')} · ◔ {t('stats.waiting')} · ↗ {t('stats.exited')} · ★ {t('stats.converted')}</p>
      <a href={`#/reports/${encodeURIComponent(journeyId)}`} data-testid="stats-full-report">{t('reports.fullReport')}</a>
      {error && <p className="error">{error}</p>}
      {focusNodeId && (
        <section>
          <h4>{t('stats.customersAt', { node: label(focusNodeId) })}</h4>
          {customers?.length === 0 && <p className="muted">{t('stats.noCustomers')}</p>}
          <ul className="customer-list" data-testid="customers-at-node">
            {customers?.map((c) => (
              <li key={c.id}>
                <button className="link" onClick={() => void showTrace(c)}>{nameOf(c)}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h4>{t('stats.findCustomer')}</h4>
        <input placeholder={t('panel.chooseCustomer')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="trace-search" />
        <ul className="customer-list" data-testid="trace-candidates">
          {found.map((c) => (
            <li key={c.id}>
              <button className="link" onClick={() => void showTrace(c)}>{nameOf(c)}</button>
            </li>
          ))}
        </ul>
      </section>
      {trace && (
        <section data-testid="trace">
          <h4>{t('stats.trace', { customer: nameOf(trace.customer) })}</h4>
          {!trace.trace && <p className="muted">{t('stats.notInJourney')}</p>}
          {trace.trace?.temporalUrl && (
            <a href={trace.trace.temporalUrl} target="_blank" rel="noreferrer" title={t('stats.openInTemporalHint')} data-testid="trace-temporal-link">
              {t('stats.openInTemporal')} ↗
            </a>
          )}
          <ol className="trace">
            {trace.trace?.steps.map((s, i) => (
              <li key={i}>
                <strong>{label(s.nodeId)}</strong> · {outcomeText(s.outcome)} <span className="muted">{formatDateTime(s.at, i18n.language)}</span>
                {reasonText(s.outcome, s.reason, (port) => portName(s.nodeId, port)) && <div className="muted">{reasonText(s.outcome, s.reason, (port) => portName(s.nodeId, port))}</div>}
                {trace.trace?.messages
                  .filter((m) => m.nodeId === s.nodeId && s.outcome === 'entered')
                  .map((m, k) => (
                    <div key={k} className="trace-message">
                      ✉ {channelText(m.channel)} · {messageStatusText(m.status)}
                      {m.subject && <>: <em>{m.subject}</em></>}
                      {m.error && <span className="error"> ({m.error})</span>}
                    </div>
                  ))}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
