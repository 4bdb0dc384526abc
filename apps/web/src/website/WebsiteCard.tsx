// The shop's website in settings: the domains allowed to use the snippet, the snippet to paste,
// the service worker line for web push, and (for owners and admins) identity verification.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isManager } from '../api/team';
import { useSession } from '../session';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { originOf, snippetFor, websiteApi } from './api';
import { IdentityVerificationCard } from './IdentityVerificationCard';
import { useWebsiteTexts } from './texts';
import './website.css';

export function WebsiteCard() {
  useWebsiteTexts();
  const { t } = useTranslation();
  const manager = isManager(useSession((s) => s.me)?.role);
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    websiteApi
      .get()
      .then((s) => {
        setText(s.allowedOrigins.join('\n'));
        setLoaded(true);
      })
      .catch((e: unknown) => setProblem(describeError(e, t)));
  }, [t]);

  async function save() {
    const lines = text.split('\n').map((l) => l.trim());
    const bad = lines.findIndex((l) => l !== '' && originOf(l) === null);
    if (bad >= 0) {
      setProblem(t('website.badLine', { line: bad + 1 }));
      return;
    }
    setBusy(true);
    try {
      const saved = await websiteApi.save(lines.filter(Boolean).map((l) => originOf(l)!));
      setText(saved.allowedOrigins.join('\n'));
      setProblem(null);
      toast.success(t('website.saved'));
    } catch (e) {
      setProblem(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const snippet = snippetFor(location.origin, 'bwk_YOUR_WRITE_KEY');
  const worker = `importScripts("${location.origin}/sdk/sw.js");`;
  const copy = (value: string) => void navigator.clipboard?.writeText(value).then(() => toast.success(t('website.copied')));
  return (
    <section className="website-card" data-testid="website-card">
      <h2>{t('website.title')}</h2>
      <p className="muted">{t('website.intro')}</p>
      <label>
        <h3>{t('website.origins')}</h3>
        <textarea value={text} onChange={(e) => setText(e.target.value)} disabled={!loaded} placeholder="https://hoabanfood.vn" data-testid="website-origins" />
        <small className="muted">{t('website.originsHelp')}</small>
      </label>
      {problem && <div className="error-box" role="alert" data-testid="website-problem">{problem}</div>}
      <div className="row">
        <button className="primary" onClick={() => void save()} disabled={busy || !loaded} data-testid="website-save">{t('website.save')}</button>
      </div>
      <h3>{t('website.snippet')}</h3>
      <pre data-testid="website-snippet">{snippet}</pre>
      <div className="row">
        <button onClick={() => copy(snippet)}>{t('website.copy')}</button>
        <small className="muted">{t('website.snippetHelp')}</small>
      </div>
      <h3>{t('website.push')}</h3>
      <p className="muted">{t('website.pushHelp')}</p>
      <pre>{worker}</pre>
      {manager && <IdentityVerificationCard />}
    </section>
  );
}
