import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import type { Language } from '../i18n';
import { useSession } from '../session';
import '../segments/texts';
import '../channels/texts';
import '../reports/texts';

export function TopBar() {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  return (
    <header className="topbar">
      <a className="brand" href="#/journeys">Braid</a>
      <nav>
        <a href="#/journeys">{t('journeys.title')}</a>
        <a href="#/outbox" data-testid="nav-outbox">{t('outbox.title')}</a>
        <a href="#/customers" data-testid="nav-customers">{t('customers.title')}</a>
        <a href="#/segments" data-testid="nav-segments">{t('segments.nav')}</a>
        <a href="#/tasks" data-testid="nav-tasks">{t('tasks.title')}</a>
        <a href="#/reports" data-testid="nav-reports">{t('reports.nav')}</a>
        <a href="#/team" data-testid="nav-team">{t('team.nav.team')}</a>
        <a href="#/audit" data-testid="nav-audit">{t('team.nav.audit')}</a>
        <a href="#/settings/sources" data-testid="nav-sources">{t('commerce.nav')}</a>
        <a href="#/settings/channels" data-testid="nav-channels">{t('channels.nav')}</a>
      </nav>
      <div className="spacer" />
      <label className="lang">
        <span className="sr-only">{t('app.language')}</span>
        <select data-testid="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </label>
      <span className="who" title={[me?.name ?? me?.email, me?.workspaceName].filter(Boolean).join(' · ')}>
        {me?.name ?? me?.email}
        {me?.workspaceName && <span className="muted-inverse"> · {me.workspaceName}</span>}
      </span>
      <button className="link" onClick={() => void signOut()}>{t('app.signOut')}</button>
    </header>
  );
}
