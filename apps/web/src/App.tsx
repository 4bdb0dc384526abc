import { useEffect } from 'react';
import { onUnauthorized } from './api/http';
import { navigate, useRoute } from './router';
import { useSession } from './session';
import { SignIn } from './screens/SignIn';
import { JourneysList } from './screens/JourneysList';
import { EditorScreen } from './screens/EditorScreen';
import { TopBar } from './screens/TopBar';
import { OutboxScreen } from './screens/OutboxScreen';
import { CustomersScreen } from './customers/CustomersScreen';
import { CustomerProfile } from './customers/CustomerProfile';
import { SegmentsScreen } from './segments/SegmentsScreen';
import { SegmentEditor } from './segments/SegmentEditor';
import { AcceptInvite } from './team/AcceptInvite';
import { AuditScreen } from './team/AuditScreen';
import { TeamScreen } from './team/TeamScreen';
import { TaskInbox } from './tasks/TaskInbox';
import { SourcesScreen } from './commerce/SourcesScreen';
import { ReportsScreen } from './reports/ReportsScreen';
import { JourneyReportScreen } from './reports/JourneyReportScreen';
import { ChannelsScreen } from './channels/ChannelsScreen';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { Toasts } from './ui/Toasts';
import { useCatalogue } from './catalog/useCatalogue';
import { useTranslation } from 'react-i18next';

export function App() {
  const route = useRoute();
  const { me, checked, check, expire } = useSession();
  const { t } = useTranslation();
  // Palette, forms and cards all read the server's node catalogue: nothing draws before it arrives.
  const catalogue = useCatalogue(!!me);

  useEffect(() => {
    void check();
    return onUnauthorized(expire);
  }, [check, expire]);

  if (!checked) return <div className="splash">Braid</div>;
  // An invitation link works signed in or not: it makes a new login.
  if (route.name === 'invite') return (<><AcceptInvite token={route.token} /><Toasts /></>);
  if (!me) return (<><SignIn /><Toasts /></>);
  if (catalogue.status === 'loading') return <div className="splash">{t('app.loadingNodeTypes')}</div>;
  if (catalogue.status === 'failed') return <div className="splash error" role="alert">{t('app.nodeTypesFailed', { message: catalogue.error.message })}</div>;

  return (
    <div className="app">
      <TopBar />
      <main className="app-main">
        <ErrorBoundary resetKey={location.hash}>
          {route.name === 'editor' && <EditorScreen key={route.journeyId} journeyId={route.journeyId} />}
          {route.name === 'version' && <EditorScreen key={`${route.journeyId}@${route.version}`} journeyId={route.journeyId} viewVersion={route.version} />}
          {route.name === 'diff' && <EditorScreen key={`${route.journeyId}:${route.from}-${route.to}`} journeyId={route.journeyId} diff={{ from: route.from, to: route.to }} />}
          {route.name === 'outbox' && <OutboxScreen />}
          {route.name === 'customers' && <CustomersScreen />}
          {route.name === 'customer' && <CustomerProfile key={route.customerId} customerId={route.customerId} />}
          {route.name === 'segments' && <SegmentsScreen />}
          {route.name === 'segment' && <SegmentEditor key={route.segmentId ?? 'new'} segmentId={route.segmentId} />}
          {route.name === 'team' && <TeamScreen />}
          {route.name === 'tasks' && <TaskInbox />}
          {route.name === 'reports' && <ReportsScreen />}
          {route.name === 'report' && <JourneyReportScreen key={route.journeyId} journeyId={route.journeyId} />}
          {route.name === 'sources' && <SourcesScreen />}
          {route.name === 'channels' && <ChannelsScreen />}
          {route.name === 'audit' && <AuditScreen journeyId={route.journeyId} />}
          {(route.name === 'journeys' || route.name === 'signIn') && <JourneysList />}
        </ErrorBoundary>
      </main>
      <Toasts />
    </div>
  );
}

export function goHome(): void {
  navigate({ name: 'journeys' });
}
