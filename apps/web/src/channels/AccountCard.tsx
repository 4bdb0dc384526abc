// One provider account: its fields, its secrets (masked, never shown back), save, check, test;
// for an ad-audience account, also its audience name → id rows.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { accountForms, channelsApi, type AccountKind, type ChannelAccount } from './api';
import { AudienceMapEditor } from './AudienceMapEditor';
import { audienceMapOf, audienceRowsOf, type AudienceRow, type AudienceRowProblem } from './audienceMap';

type Props = { kind: AccountKind; account: ChannelAccount | null; onChanged: () => void };

export function AccountCard({ kind, account, onChanged }: Props) {
  const { t } = useTranslation();
  const form = accountForms[kind];
  // A select shows its first option until changed, so that option is also what gets saved.
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...Object.fromEntries(form.fields.filter((f) => f.type === 'select' && f.options?.length).map((f) => [f.name, f.options![0]])), ...(account?.config ?? {}) }));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [to, setTo] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(account?.checkResult?.ok === false ? account.checkResult : null);
  const [busy, setBusy] = useState(false);
  const audienceKind = kind === 'facebook_audience' || kind === 'google_audience' ? kind : null;
  const rowKeys = useRef(0);
  const nextRowKey = () => ++rowKeys.current;
  const [audienceRows, setAudienceRows] = useState<AudienceRow[]>(() => (form.audienceMap ? audienceRowsOf(account?.config[form.audienceMap], nextRowKey) : []));
  const [audienceProblems, setAudienceProblems] = useState<{ problems: AudienceRowProblem[]; tooMany: boolean }>({ problems: [], tooMany: false });

  async function run(action: () => Promise<unknown>, done?: string) {
    setBusy(true);
    try {
      await action();
      if (done) toast.success(done);
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const save = () => {
    // The rows are checked here, in the UI language and by row, before the API sees them.
    let audienceMap: Record<string, string> | null = null;
    if (form.audienceMap) {
      const checked = audienceMapOf(audienceRows);
      setAudienceProblems(checked.ok ? { problems: [], tooMany: false } : { problems: checked.problems, tooMany: checked.tooMany });
      if (!checked.ok) {
        toast.error(t('channels.audiences.fix'));
        return;
      }
      audienceMap = checked.map;
    }
    return run(async () => {
      const config: Record<string, unknown> = Object.fromEntries((form.keep ?? []).filter((k) => account?.config[k] !== undefined).map((k) => [k, account!.config[k]]));
      for (const f of form.fields) {
        const v = values[f.name];
        if (v === undefined || v === '') continue;
        config[f.name] = f.type === 'number' ? Number(v) : v;
      }
      if (form.audienceMap && audienceMap) config[form.audienceMap] = audienceMap;
      const typed = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
      await channelsApi.saveAccount(kind, { config, secrets: typed });
      setSecrets({});
      onChanged();
    }, t('channels.saved'));
  };

  // A success is said in the UI language; a failure keeps the provider's own words (what to fix).
  const check = (action: () => Promise<{ ok: boolean; message: string }>, success: string) =>
    run(async () => {
      const outcome = await action();
      setResult(outcome.ok ? { ok: true, message: success } : outcome);
      onChanged();
    });

  return (
    <li className={audienceKind ? 'account-card audience-account' : 'account-card'} data-testid={`account-${kind}`}>
      <div className="account-head">
        <h3>{t(`channels.kind.${kind}`)}</h3>
        {!account && <span className="muted">{t('channels.notConfigured')}</span>}
      </div>
      <form
        className="account-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {form.fields.map((f) => (
          <label key={f.name} className={f.type === 'checkbox' ? 'check' : undefined}>
            <span>{t(`channels.field.${f.name}`)}</span>
            {f.type === 'checkbox' ? (
              <input type="checkbox" checked={values[f.name] === true} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} data-testid={`${kind}-${f.name}`} />
            ) : f.type === 'select' ? (
              <select value={String(values[f.name] ?? f.options?.[0] ?? '')} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-testid={`${kind}-${f.name}`}>
                {f.options?.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : (
              <input type={f.type} value={String(values[f.name] ?? '')} required={f.required} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-testid={`${kind}-${f.name}`} />
            )}
          </label>
        ))}
        {form.secrets.map((name) => {
          const saved = account?.secrets[name];
          return (
            <label key={name}>
              <span>{t(`channels.field.${name}`)}</span>
              <input
                type="password"
                autoComplete="new-password"
                value={secrets[name] ?? ''}
                placeholder={saved?.set ? t('channels.secretSet', { hint: saved.hint }) : t('channels.secretUnset')}
                onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
                data-testid={`${kind}-${name}`}
              />
            </label>
          );
        })}
        {audienceKind && (
          <AudienceMapEditor
            kind={audienceKind}
            rows={audienceRows}
            problems={audienceProblems.problems}
            tooMany={audienceProblems.tooMany}
            onChange={setAudienceRows}
            onAdd={() => setAudienceRows([...audienceRows, { key: nextRowKey(), name: '', id: '' }])}
          />
        )}
        <div className="account-actions">
          <button className="primary" disabled={busy} data-testid={`${kind}-save`}>{t('channels.save')}</button>
          {account && (
            <>
              <button type="button" disabled={busy} onClick={() => void check(() => channelsApi.check(kind), t('channels.checkOk'))} data-testid={`${kind}-check`}>{t('channels.check')}</button>
              <button type="button" className="link" disabled={busy} onClick={() => void run(async () => { await channelsApi.removeAccount(kind); onChanged(); }, t('channels.removed'))}>{t('channels.remove')}</button>
            </>
          )}
        </div>
      </form>
      {account && form.testTo && (
        <form
          className="account-test"
          onSubmit={(e) => {
            e.preventDefault();
            void check(() => channelsApi.test(kind, to.trim()), t('channels.testSent', { to: to.trim() }));
          }}
        >
          <label>
            <span>{t('channels.testTo')}</span>
            <input value={to} onChange={(e) => setTo(e.target.value)} required data-testid={`${kind}-test-to`} />
          </label>
          <button disabled={busy || !to.trim()} data-testid={`${kind}-test`}>{t('channels.test')}</button>
        </form>
      )}
      {result && (
        <p className={result.ok ? 'ok' : 'error-box'} role="status" data-testid={`${kind}-result`}>
          {result.ok ? result.message : t('channels.failed', { message: result.message })}
        </p>
      )}
    </li>
  );
}
