// Traits shown as a list; "Edit" turns them into fields. Only the traits that changed are sent
// (null removes one), so an identify arriving meanwhile keeps its own changes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customer360Api, type Traits } from './api';
import { describeCustomerError } from './errors';

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** What the field holds back to a value: numbers and true/false stay what they were. */
function parse(text: string, original: unknown): Scalar {
  if (typeof original === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof original === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export function TraitsEditor({ customerId, traits, onSaved }: { customerId: string; traits: Traits; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [newKey, setNewKey] = useState('');
  const [newValue, setNewValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = Object.entries(traits).sort(([a], [b]) => a.localeCompare(b));

  function start() {
    setDraft(Object.fromEntries(entries.filter(([, v]) => isScalar(v)).map(([k, v]) => [k, v === null ? '' : String(v)])));
    setRemoved(new Set());
    setNewKey('');
    setNewValue('');
    setError(null);
  }

  async function save() {
    if (!draft) return;
    const change: Record<string, Scalar> = {};
    for (const [k, text] of Object.entries(draft)) {
      if (removed.has(k)) change[k] = null;
      else if (String(traits[k] ?? '') !== text) change[k] = parse(text, traits[k]);
    }
    if (newKey.trim()) change[newKey.trim()] = newValue;
    if (Object.keys(change).length === 0) return setDraft(null);
    setBusy(true);
    try {
      await customer360Api.editTraits(customerId, change);
      setDraft(null);
      onSaved();
    } catch (e) {
      setError(describeCustomerError(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="box" data-testid="customer-traits">
      <div className="row">
        <h2>{t('customers.traits')}</h2>
        <span className="spacer" />
        {!draft && <button className="small" onClick={start} data-testid="traits-edit">{t('customers.edit')}</button>}
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      {!draft && (
        <dl>
          {entries.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd data-testid={`trait-${k}`}>{isScalar(v) ? String(v) : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {draft && (
        <div className="trait-form">
          {entries.map(([k, v]) => (
            <label key={k} className="trait-row">
              <span>{k}</span>
              {isScalar(v) ? (
                <div className="row">
                  <input value={draft[k] ?? ''} disabled={removed.has(k)} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} data-testid={`trait-input-${k}`} style={{ flex: 1 }} />
                  <button
                    type="button"
                    className="small"
                    onClick={() => setRemoved((r) => (r.has(k) ? new Set([...r].filter((x) => x !== k)) : new Set(r).add(k)))}
                  >
                    {removed.has(k) ? t('customers.cancel') : t('customers.remove')}
                  </button>
                </div>
              ) : (
                <span className="sub">{t('customers.objectTrait')}: {JSON.stringify(v)}</span>
              )}
            </label>
          ))}
          <div className="row">
            <input placeholder={t('customers.newTraitKey')} aria-label={t('customers.addTrait')} value={newKey} onChange={(e) => setNewKey(e.target.value)} data-testid="trait-new-key" />
            <input placeholder={t('customers.value')} aria-label={t('customers.value')} value={newValue} onChange={(e) => setNewValue(e.target.value)} data-testid="trait-new-value" />
          </div>
          <div className="row end">
            <button onClick={() => setDraft(null)} disabled={busy}>{t('customers.cancel')}</button>
            <button className="primary" onClick={() => void save()} disabled={busy} data-testid="traits-save">{t('customers.save')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
