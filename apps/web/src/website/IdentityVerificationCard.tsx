// Identity verification in the website card: the secret the shop's developer puts on their server
// (hidden until asked for), the switch that makes Braid require signed user ids, and a rotation.
// Owners and admins only: the secret lets whoever holds it speak as any customer.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { websiteApi, type IdentityVerification } from './api';

export function serverExample(secret: string): string {
  return `// Node, on your server
const userHash = crypto.createHmac("sha256", "${secret}").update(user.id).digest("hex");
// in the page
braid.identify(user.id, { firstName: user.firstName }, { userHash });`;
}

export function IdentityVerificationCard() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<IdentityVerification | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    websiteApi
      .identityVerification()
      .then(setSettings)
      .catch((e: unknown) => setProblem(describeError(e, t)));
  }, [t]);

  async function change(run: () => Promise<IdentityVerification>, done: string) {
    setBusy(true);
    try {
      setSettings(await run());
      setProblem(null);
      toast.success(done);
    } catch (e) {
      setProblem(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const rotate = () => {
    if (!window.confirm(t('website.identity.rotateConfirm'))) return;
    setShown(true);
    void change(() => websiteApi.rotateIdentitySecret(), t('website.identity.rotated'));
  };
  const copy = (value: string) => void navigator.clipboard?.writeText(value).then(() => toast.success(t('website.copied')));
  const secret = settings?.secret ?? '';
  return (
    <div className="identity-verification" data-testid="identity-verification">
      <h3>{t('website.identity.title')}</h3>
      <p className="muted">{t('website.identity.intro')}</p>
      <label className="row">
        <input
          type="checkbox"
          checked={settings?.enabled ?? false}
          disabled={!settings || busy}
          onChange={(e) => {
            const enabled = e.target.checked;
            void change(() => websiteApi.setIdentityVerification(enabled), t(enabled ? 'website.identity.turnedOn' : 'website.identity.turnedOff'));
          }}
          data-testid="identity-verification-enabled"
        />
        {t('website.identity.require')}
      </label>
      <small className="muted">{t('website.identity.requireHelp')}</small>
      {settings && (
        <>
          <h4>{t('website.identity.secret')}</h4>
          <div className="row">
            <code data-testid="identity-secret">{shown ? secret : `${secret.slice(0, 4)}${'•'.repeat(12)}${secret.slice(-4)}`}</code>
            <button onClick={() => setShown(!shown)}>{t(shown ? 'website.identity.hide' : 'website.identity.show')}</button>
            <button onClick={() => copy(secret)}>{t('website.copy')}</button>
            <button onClick={rotate} disabled={busy} data-testid="identity-rotate">{t('website.identity.rotate')}</button>
          </div>
          <small className="muted">{t('website.identity.secretHelp')}</small>
          <pre>{serverExample(shown ? secret : 'BRAID_IDENTITY_SECRET')}</pre>
        </>
      )}
      {problem && <div className="error-box" role="alert">{problem}</div>}
    </div>
  );
}
