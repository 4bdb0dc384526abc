// #/settings/channels: the workspace's provider accounts, its quiet hours and cap across channels,
// and the Zalo ZNS templates send steps may use.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { AccountCard } from './AccountCard';
import { accountKinds, channelsApi, type ChannelAccount, type ChannelSettings, type ZnsTemplate } from './api';
import { useChannelsTexts } from './texts';
import { TrackingKeys } from './TrackingKeys';
import { ZnsTemplates } from './ZnsTemplates';
import './channels.css';

type Loaded = { accounts: ChannelAccount[]; rules: ChannelSettings | null; templates: ZnsTemplate[] };

export function ChannelsScreen() {
  useChannelsTexts();
  const { t } = useTranslation();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([channelsApi.accounts(), channelsApi.settings(), channelsApi.templates()])
      .then(([a, s, z]) => {
        setData({ accounts: a.accounts, rules: s.channels.find((c) => c.channel === '*') ?? null, templates: z.templates });
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="page channels-settings" data-testid="channels-screen">
      <h1>{t('channels.title')}</h1>
      <p className="muted">{t('channels.intro')}</p>
      {error && <div className="error-box" role="alert">{error}</div>}
      {data && <WorkspaceRules key={data.rules ? JSON.stringify(data.rules) : 'none'} rules={data.rules} onSaved={load} />}
      <h2>{t('channels.accountsTitle')}</h2>
      {data && (
        <ul className="account-list">
          {accountKinds.map((kind) => {
            const account = data.accounts.find((a) => a.kind === kind) ?? null;
            return <AccountCard key={`${kind}:${account?.updatedAt ?? 0}`} kind={kind} account={account} onChanged={load} />;
          })}
        </ul>
      )}
      {data && <ZnsTemplates templates={data.templates} onChanged={load} />}
      {data && <TrackingKeys />}
    </section>
  );
}

function WorkspaceRules({ rules, onSaved }: { rules: ChannelSettings | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [quiet, setQuiet] = useState(rules?.quietHours != null);
  const [from, setFrom] = useState(rules?.quietHours?.start ?? '21:00');
  const [to, setTo] = useState(rules?.quietHours?.end ?? '08:00');
  const cap = rules?.frequencyCap[0];
  const [capped, setCapped] = useState(cap !== undefined);
  const [max, setMax] = useState(cap?.max ?? 3);
  const [perHours, setPerHours] = useState(cap?.perHours ?? 24);

  async function save() {
    try {
      await channelsApi.saveWorkspaceRules({ quietHours: quiet ? { start: from, end: to } : null, frequencyCap: capped ? [{ max, perHours }] : [] });
      toast.success(t('channels.saved'));
      onSaved();
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }

  return (
    <form
      className="rules"
      data-testid="workspace-rules"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('channels.rulesTitle')}</h2>
      <label className="check">
        <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} data-testid="quiet-on" />
        <span>{t('channels.quietOn')}</span>
      </label>
      {quiet && (
        <div className="row">
          <label>
            <span>{t('channels.quietFrom')}</span>
            <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="quiet-from" />
          </label>
          <label>
            <span>{t('channels.quietTo')}</span>
            <input type="time" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="quiet-to" />
          </label>
        </div>
      )}
      <p className="muted small-text">{t('channels.quietHelp')}</p>
      <label className="check">
        <input type="checkbox" checked={capped} onChange={(e) => setCapped(e.target.checked)} data-testid="cap-on" />
        <span>{t('channels.capOn')}</span>
      </label>
      {capped && (
        <div className="row">
          <label>
            <span>{t('channels.capMax')}</span>
            <input type="number" min={1} value={max} onChange={(e) => setMax(Number(e.target.value))} data-testid="cap-max" />
          </label>
          <label>
            <span>{t('channels.capPer')}</span>
            <input type="number" min={1} value={perHours} onChange={(e) => setPerHours(Number(e.target.value))} data-testid="cap-hours" />
          </label>
        </div>
      )}
      <p className="muted small-text">{t('channels.decree')}</p>
      <button className="primary" data-testid="rules-save">{t('channels.saveRules')}</button>
    </form>
  );
}
