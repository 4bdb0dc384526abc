import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isManager, ROLES, teamApi, type Invitation, type Role, type User } from '../api/team';
import { formatDateTime } from '../format';
import { useSession } from '../session';
import { toast } from '../ui/toasts';
import { InviteForm } from './InviteForm';
import { teamError } from './teamError';

/** Users and roles, pending invitations, and the workspace's "publishing needs approval" rule. */
export function TeamScreen() {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.me);
  const check = useSession((s) => s.check);
  const manager = isManager(me?.role);
  const [users, setUsers] = useState<User[] | null>(null);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [needsApproval, setNeedsApproval] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;

  const load = useCallback(async () => {
    try {
      const [u, ws, inv] = await Promise.all([teamApi.users(), teamApi.workspace(), manager ? teamApi.invitations() : Promise.resolve([])]);
      setUsers(u);
      setNeedsApproval(ws.publishNeedsApproval);
      setInvitations(inv);
    } catch (err) {
      setError(teamError(err, t));
    }
  }, [manager, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(run: () => Promise<unknown>, done: string) {
    try {
      await run();
      toast.success(done);
    } catch (err) {
      toast.error(teamError(err, t));
    }
    await load();
  }

  const mayTouch = (u: User) => manager && (u.role !== 'owner' || me?.role === 'owner');
  return (
    <section className="page" data-testid="team-screen">
      <div className="page-head">
        <h1>{t('team.users.title')}</h1>
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      {needsApproval !== null && (
        <label className="row toggle" title={t('team.settings.approvalHelp')}>
          <input
            type="checkbox"
            data-testid="needs-approval"
            checked={needsApproval}
            disabled={!manager}
            onChange={(e) => {
              const on = e.target.checked;
              void act(() => teamApi.setPublishNeedsApproval(on).then(() => check()), t('team.settings.approval'));
            }}
          />
          <span>
            <strong>{t('team.settings.approval')}</strong>
            <br />
            <span className="muted">{t('team.settings.approvalHelp')}</span>
          </span>
        </label>
      )}
      {!manager && <p className="muted">{t('team.users.readOnly')}</p>}
      {users && (
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('team.users.name')}</th>
              <th>{t('team.users.email')}</th>
              <th>{t('team.users.role')}</th>
              <th>{t('team.users.joined')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <td>{u.name || '—'} {u.id === me?.id && <span className="muted">{t('team.users.you')}</span>}</td>
                <td>{u.email}</td>
                <td>
                  {mayTouch(u) ? (
                    <select
                      data-testid={`role-${u.email}`}
                      aria-label={t('team.users.role')}
                      value={u.role}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        void act(() => teamApi.changeRole(u.id, role), t('team.users.roleChanged', { email: u.email, role: t(`team.roles.${role}`) }));
                      }}
                    >
                      {ROLES.filter((r) => r !== 'owner' || me?.role === 'owner').map((r) => (
                        <option key={r} value={r}>{t(`team.roles.${r}`)}</option>
                      ))}
                    </select>
                  ) : (
                    <span title={t(`team.roleHelp.${u.role}`)}>{t(`team.roles.${u.role}`)}</span>
                  )}
                </td>
                <td>{formatDateTime(u.createdAt, lang)}</td>
                <td>
                  {mayTouch(u) && (
                    <button
                      className="small"
                      data-testid={`remove-${u.email}`}
                      onClick={() => {
                        if (confirm(t('team.users.removeConfirm', { email: u.email }))) void act(() => teamApi.removeUser(u.id), t('team.users.removed', { email: u.email }));
                      }}
                    >
                      {t('team.users.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manager && (
        <>
          <InviteForm canGrantOwner={me?.role === 'owner'} onInvited={() => void load()} />
          <section className="card-section">
            <h3>{t('team.invite.pending')}</h3>
            {invitations.length === 0 ? (
              <p className="muted">{t('team.invite.none')}</p>
            ) : (
              <table className="table compact" data-testid="invitations-table">
                <tbody>
                  {invitations.map((inv) => (
                    <tr key={inv.id}>
                      <td>{inv.email}</td>
                      <td>{t(`team.roles.${inv.role}`)}</td>
                      <td>{inv.state === 'expired' ? t('team.invite.expired') : t('team.invite.expires', { when: formatDateTime(inv.expiresAt, lang) })}</td>
                      <td>
                        <button className="small" onClick={() => void act(() => teamApi.revokeInvitation(inv.id), t('team.invite.revoke'))}>{t('team.invite.revoke')}</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
