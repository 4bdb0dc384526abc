// One shop: the webhook URL to paste, its secret (hidden; shown on demand), replacing the
// secret after rotating it in the shop, and the latest deliveries with their status.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { toast } from '../ui/toasts';
import { describeError } from '../ui/describeError';
import { sourcesApi, type CommerceSource, type Delivery } from './api';

const platformName = { shopify: 'Shopify', haravan: 'Haravan', sapo: 'Sapo' } as const;

export function copyText(text: string, done: string): void {
  void navigator.clipboard?.writeText(text).then(() => toast.success(done), () => undefined);
}

interface Props {
  source: CommerceSource;
  /** The secret just made, shown once after creating. */
  freshSecret: string | null;
  onChanged: () => void;
}

export function SourceCard({ source, freshSecret, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [secret, setSecret] = useState<string | null>(freshSecret);
  const [replacing, setReplacing] = useState('');
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);

  useEffect(() => {
    let live = true;
    sourcesApi
      .deliveries(source.id)
      .then((r) => live && setDeliveries(r.deliveries))
      .catch(() => live && setDeliveries([]));
    return () => {
      live = false;
    };
  }, [source.id, source.lastDelivery?.at]);

  async function reveal() {
    try {
      setSecret((await sourcesApi.secret(source.id)).secret);
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }
  async function replace() {
    try {
      await sourcesApi.update(source.id, { secret: replacing.trim() });
      setReplacing('');
      setSecret(null);
      toast.success(t('commerce.saved'));
      onChanged();
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }
  async function remove() {
    if (!window.confirm(t('commerce.removeConfirm', { name: source.name }))) return;
    try {
      await sourcesApi.remove(source.id);
      toast.success(t('commerce.removed'));
      onChanged();
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }

  return (
    <li className="source-card" data-testid="source-card" data-platform={source.platform}>
      <div className="source-head">
        <span className="pill">{platformName[source.platform]}</span>
        <strong>{source.name}</strong>
        <span className="muted">
          {t('commerce.lastDelivery')}:{' '}
          {source.lastDelivery ? `${source.lastDelivery.topic} · ${t(`commerce.statusName.${source.lastDelivery.status}`, { defaultValue: source.lastDelivery.status })} · ${formatDateTime(source.lastDelivery.at, i18n.language)}` : t('commerce.never')}
        </span>
        <span className="spacer" />
        <button className="small" onClick={() => void remove()}>{t('commerce.remove')}</button>
      </div>
      <dl className="source-facts">
        <dt>{t('commerce.webhookUrl')}</dt>
        <dd>
          <code data-testid="source-webhook-url">{source.webhookUrl}</code>{' '}
          <button className="small" onClick={() => copyText(source.webhookUrl, t('commerce.copied'))}>{t('commerce.copy')}</button>
          <div className="muted small-text">{t('commerce.webhookHelp')}</div>
        </dd>
        <dt>{t('commerce.secret')}</dt>
        <dd>
          {secret ? (
            <>
              <code data-testid="source-secret">{secret}</code>{' '}
              <button className="small" onClick={() => copyText(secret, t('commerce.copied'))}>{t('commerce.copy')}</button>{' '}
              <button className="small" onClick={() => setSecret(null)}>{t('commerce.hide')}</button>
              {freshSecret === secret && <div className="pill warn" role="status">{t('commerce.secretOnce')}</div>}
            </>
          ) : (
            <>
              <code data-testid="source-secret-hint">{t('commerce.secretHidden', { hint: source.secretHint })}</code>{' '}
              <button className="small" onClick={() => void reveal()} data-testid="source-reveal">{t('commerce.reveal')}</button>
            </>
          )}
          <form
            className="source-replace"
            onSubmit={(e) => {
              e.preventDefault();
              void replace();
            }}
          >
            <input value={replacing} onChange={(e) => setReplacing(e.target.value)} placeholder={t('commerce.replacePlaceholder')} aria-label={t('commerce.replaceSecret')} />
            <button className="small" disabled={replacing.trim().length < 16}>{t('commerce.replaceSecret')}</button>
          </form>
        </dd>
      </dl>
      <h3>{t('commerce.deliveries')}</h3>
      {deliveries?.length === 0 && <p className="muted">{t('commerce.deliveriesNone')}</p>}
      {deliveries && deliveries.length > 0 && (
        <table className="table compact" data-testid="source-deliveries">
          <thead>
            <tr>
              <th>{t('commerce.when')}</th>
              <th>{t('commerce.topic')}</th>
              <th>{t('commerce.order')}</th>
              <th>{t('commerce.status')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.receivedAt, i18n.language)}</td>
                <td>{d.topic}</td>
                <td>{d.orderId ?? '—'}</td>
                <td>
                  <span className={d.status === 'accepted' ? 'pill good' : 'pill'}>{t(`commerce.statusName.${d.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
