// #/settings/sources: the shops (Shopify, Haravan, Sapo) that send Braid their orders, and how the
// showroom's till records a sale.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from '../ui/toasts';
import { describeError } from '../ui/describeError';
import { platforms, sourcesApi, type CommerceSource, type Platform } from './api';
import { SourceCard } from './SourceCard';
import { useCommerceTexts } from './texts';
import './commerce.css';
import { WebsiteCard } from '../website/WebsiteCard';

const platformName: Record<Platform, string> = { shopify: 'Shopify', haravan: 'Haravan', sapo: 'Sapo' };

const posExample = {
  phone: '0909 908 089',
  store: 'Showroom Hàng Giấy',
  orderId: 'HG-0001',
  products: [{ sku: 'MK-100', name: 'Mắc Khén', price: 189000, quantity: 1 }],
};

export function SourcesScreen() {
  useCommerceTexts();
  const { t } = useTranslation();
  const [sources, setSources] = useState<CommerceSource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [platform, setPlatform] = useState<Platform>('shopify');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [fresh, setFresh] = useState<{ id: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    sourcesApi
      .list()
      .then((r) => {
        setSources(r.sources);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [t]);
  useEffect(load, [load]);

  async function create() {
    setBusy(true);
    try {
      const created = await sourcesApi.create({ platform, name: name.trim(), ...(secret.trim() ? { secret: secret.trim() } : {}) });
      setFresh({ id: created.id, secret: created.secret });
      setName('');
      setSecret('');
      toast.success(t('commerce.created'));
      load();
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const posUrl = `${location.origin}/v1/pos/orders`;
  return (
    <section className="page commerce" data-testid="sources-screen">
      <h1>{t('commerce.title')}</h1>
      <p className="muted">{t('commerce.intro')}</p>
      {error && <div className="error-box" role="alert">{error}</div>}
      <form
        className="source-add"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2>{t('commerce.add')}</h2>
        <label>
          <span>{t('commerce.platform')}</span>
          <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)} data-testid="source-platform">
            {platforms.map((p) => (
              <option key={p} value={p}>{platformName[p]}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('commerce.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('commerce.namePlaceholder')} data-testid="source-name" required maxLength={200} />
        </label>
        <label className="wide">
          <span>{t('commerce.secretField')}</span>
          <input value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="source-secret-input" maxLength={200} />
          <small className="muted">{t('commerce.secretHelp')}</small>
        </label>
        <button className="primary" disabled={busy || !name.trim()} data-testid="source-create">{t('commerce.create')}</button>
      </form>
      {sources?.length === 0 && <p className="muted">{t('commerce.none')}</p>}
      {sources && sources.length > 0 && (
        <ul className="source-list">
          {sources.map((s) => (
            <SourceCard key={s.id} source={s} freshSecret={fresh?.id === s.id ? fresh.secret : null} onChanged={load} />
          ))}
        </ul>
      )}
      <section className="source-pos">
        <h2>{t('commerce.posTitle')}</h2>
        <p>{t('commerce.posHelp', { url: posUrl })}</p>
        <details>
          <summary>{t('commerce.posExample')}</summary>
          <pre>{`POST ${posUrl}\nAuthorization: Basic base64(<write key>:)\n\n${JSON.stringify(posExample, null, 2)}`}</pre>
        </details>
      </section>
      <WebsiteCard />
    </section>
  );
}
