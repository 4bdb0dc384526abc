import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { setLanguage } from '../i18n';
import type { Language } from '../i18n';
import { useSession } from '../session';
import { describeError } from '../ui/describeError';

export function SignIn() {
  const { t, i18n } = useTranslation();
  const signIn = useSession((s) => s.signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      if (!location.hash || location.hash.startsWith('#/sign-in')) location.hash = '#/journeys';
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 403) ? t('signIn.failed') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h1>{t('signIn.title')}</h1>
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button className="primary" type="submit" disabled={busy}>{t('signIn.submit')}</button>
        <select aria-label={t('app.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </form>
    </div>
  );
}
