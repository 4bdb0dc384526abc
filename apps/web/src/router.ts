import { useSyncExternalStore } from 'react';

// Hash routes keep the API's static serving trivial (one index.html, no server rewrites).
export type Route =
  | { name: 'signIn' }
  | { name: 'journeys' }
  | { name: 'outbox' }
  | { name: 'customers' }
  | { name: 'customer'; customerId: string }
  | { name: 'segments' }
  /** segmentId null: a new segment. */
  | { name: 'segment'; segmentId: string | null }
  | { name: 'team' }
  | { name: 'tasks' }
  | { name: 'reports' }
  | { name: 'report'; journeyId: string }
  | { name: 'sources' }
  | { name: 'channels' }
  | { name: 'audit'; journeyId?: string }
  | { name: 'invite'; token: string }
  | { name: 'editor'; journeyId: string }
  | { name: 'version'; journeyId: string; version: number }
  | { name: 'diff'; journeyId: string; from: number; to: number };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'sign-in') return { name: 'signIn' };
  if (parts[0] === 'outbox') return { name: 'outbox' };
  if (parts[0] === 'customers') return parts[1] ? { name: 'customer', customerId: parts[1] } : { name: 'customers' };
  if (parts[0] === 'segments') return parts[1] ? { name: 'segment', segmentId: parts[1] === 'new' ? null : parts[1] } : { name: 'segments' };
  if (parts[0] === 'team') return { name: 'team' };
  if (parts[0] === 'tasks') return { name: 'tasks' };
  if (parts[0] === 'reports') return parts[1] ? { name: 'report', journeyId: parts[1] } : { name: 'reports' };
  if (parts[0] === 'settings' && parts[1] === 'sources') return { name: 'sources' };
  if (parts[0] === 'settings' && parts[1] === 'channels') return { name: 'channels' };
  if (parts[0] === 'audit') return parts[1] ? { name: 'audit', journeyId: parts[1] } : { name: 'audit' };
  if (parts[0] === 'invite' && parts[1]) return { name: 'invite', token: parts[1] };
  if (parts[0] === 'journeys' && parts[1]) {
    const journeyId = parts[1];
    if (parts[2] === 'versions' && parts[3]) return { name: 'version', journeyId, version: Number(parts[3]) };
    if (parts[2] === 'diff' && parts[3] && parts[4]) return { name: 'diff', journeyId, from: Number(parts[3]), to: Number(parts[4]) };
    return { name: 'editor', journeyId };
  }
  return { name: 'journeys' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'signIn':
      return '#/sign-in';
    case 'journeys':
      return '#/journeys';
    case 'outbox':
      return '#/outbox';
    case 'customers':
      return '#/customers';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.customerId)}`;
    case 'segments':
      return '#/segments';
    case 'segment':
      return route.segmentId ? `#/segments/${encodeURIComponent(route.segmentId)}` : '#/segments/new';
    case 'team':
      return '#/team';
    case 'tasks':
      return '#/tasks';
    case 'reports':
      return '#/reports';
    case 'report':
      return `#/reports/${encodeURIComponent(route.journeyId)}`;
    case 'sources':
      return '#/settings/sources';
    case 'channels':
      return '#/settings/channels';
    case 'audit':
      return route.journeyId ? `#/audit/${encodeURIComponent(route.journeyId)}` : '#/audit';
    case 'invite':
      return `#/invite/${encodeURIComponent(route.token)}`;
    case 'editor':
      return `#/journeys/${encodeURIComponent(route.journeyId)}`;
    case 'version':
      return `#/journeys/${encodeURIComponent(route.journeyId)}/versions/${route.version}`;
    case 'diff':
      return `#/journeys/${encodeURIComponent(route.journeyId)}/diff/${route.from}/${route.to}`;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
