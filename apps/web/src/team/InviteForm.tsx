import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, teamApi, type Role } from '../api/team';
import { teamError } from './teamError';

type Props = { canGrantOwner: boolean; onInvited: () => void };

/** Creates an invitation and shows its link once: the server sends no email, the inviter passes it on. */
export function InviteForm({ canGrantOwner, onInvited }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('marketer');
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await teamApi.invite(email, role);
      setLink({ email: made.invitation.email, url: made.link });
      setCopied(false);
      setEmail('');
      onInvited();
    } catch (err) {
      setError(teamError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card-section">
      <h3>{t('team.invite.title')}</h3>
      <form className="row" onSubmit={(e) => void submit(e)}>
        <input data-testid="invite-email" type="email" required placeholder={t('team.invite.email')} aria-label={t('team.invite.email')} value={email} onChange={(e) => setEmail(e.target.value)} />
        <select data-testid="invite-role" aria-label={t('team.users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.filter((r) => r !== 'owner' || canGrantOwner).map((r) => (
            <option key={r} value={r}>{t(`team.roles.${r}`)} — {t(`team.roleHelp.${r}`)}</option>
          ))}
        </select>
        <button className="primary" type="submit" disabled={busy} data-testid="invite-submit">{t('team.invite.submit')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {link && (
        <div className="notice" data-testid="invite-link-box">
          <strong>{t('team.invite.linkTitle', { email: link.email })}</strong>
          <div className="row">
            <input readOnly className="grow" data-testid="invite-link" value={link.url} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(link.url).then(() => setCopied(true), () => undefined)}
            >
              {copied ? t('team.invite.copied') : t('team.invite.copy')}
            </button>
          </div>
          <p className="muted">{t('team.invite.linkHelp')}</p>
        </div>
      )}
    </section>
  );
}
