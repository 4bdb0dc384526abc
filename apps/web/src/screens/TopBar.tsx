import { ScrollText, Send, Store, Users } from 'lucide-react';
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
      </nav>
      {/* The workspace's settings as icons (name on hover and to screen readers): ten labelled
          entries in Vietnamese do not fit one line at 1280 px. */}
      <nav className="settings-nav" aria-label={t('reports.settingsNav')}>
        <a href="#/team" data-testid="nav-team" title={t('team.nav.team')} aria-label={t('team.nav.team')}><Users size={18} aria-hidden /></a>
        <a href="#/audit" data-testid="nav-audit" title={t('team.nav.audit')} aria-label={t('team.nav.audit')}><ScrollText size={18} aria-hidden /></a>
        <a href="#/settings/sources" data-testid="nav-sources" title={t('commerce.nav')} aria-label={t('commerce.nav')}><Store size={18} aria-hidden /></a>
        <a href="#/settings/channels" data-testid="nav-channels" title={t('channels.nav')} aria-label={t('channels.nav')}><Send size={18} aria-hidden /></a>
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
