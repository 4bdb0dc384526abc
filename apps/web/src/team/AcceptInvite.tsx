import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { teamApi } from '../api/team';
import { useSession } from '../session';
import { teamError } from './teamError';

/** Opened from an invitation link, signed in or not: choose a name and password, then you are in. */
export function AcceptInvite({ token }: { token: string }) {
  const { t } = useTranslation();
  const check = useSession((s) => s.check);
  const [invitation, setInvitation] = useState<{ email: string; role: string; workspaceName: string } | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    teamApi.showInvitation(token).then(setInvitation, () => setInvalid(true));
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await teamApi.acceptInvitation(token, name, password);
      location.hash = '#/journeys';
      await check();
    } catch (err) {
      setError(teamError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form className="card" onSubmit={(e) => void submit(e)} data-testid="accept-invite">
        {invalid && <p className="error" role="alert">{t('team.accept.invalid')}</p>}
        {invitation && (
          <>
            <h1>{t('team.accept.title', { workspace: invitation.workspaceName })}</h1>
            <p>{t('team.accept.intro', { email: invitation.email, role: t(`team.roles.${invitation.role}`) })}</p>
            <label>
              {t('team.accept.name')}
              <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              {t('team.accept.password')}
              <input name="password" type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {error && <p className="error" role="alert">{error}</p>}
            <button className="primary" type="submit" disabled={busy} data-testid="accept-submit">{t('team.accept.submit')}</button>
          </>
        )}
      </form>
    </div>
  );
}
