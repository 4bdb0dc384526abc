// Users, invitations, publish requests, the audit log and journey housekeeping, over the admin API.
import { http } from './http';
import type { MigrationPlan } from './migration';

export type Role = 'owner' | 'admin' | 'marketer' | 'viewer';
export const ROLES: Role[] = ['owner', 'admin', 'marketer', 'viewer'];
export type User = { id: string; email: string; name: string; role: Role; createdAt: number };
export type Invitation = { id: string; email: string; role: Role; state: 'pending' | 'accepted' | 'revoked' | 'expired'; createdAt: number; expiresAt: number };
export type PublishRequest = {
  id: string;
  journeyId: string;
  journeyName?: string;
  revision: number;
  note: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: number;
  decidedByName: string | null;
  decidedAt: number | null;
  comment: string;
  version: number | null;
  /** What the requester chose for customers in older versions (null: everyone stays). */
  migrationPlan?: MigrationPlan | null;
};
export type AuditEntry = {
  id: string;
  at: number;
  actorLabel: string;
  action: string;
  journeyId: string | null;
  journeyName: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};
export type JourneyPatch = { name?: string; startsAt?: number | null; endsAt?: number | null };

const journey = (id: string, rest = '') => `/api/journeys/${encodeURIComponent(id)}${rest}`;

export const teamApi = {
  users: async () => (await http.get<{ users: User[] }>('/api/users')).users,
  changeRole: (id: string, role: Role) => http.patch<User>(`/api/users/${encodeURIComponent(id)}`, { role }),
  removeUser: (id: string) => http.del<User>(`/api/users/${encodeURIComponent(id)}`),
  invitations: async () => (await http.get<{ invitations: Invitation[] }>('/api/users/invitations')).invitations,
  invite: (email: string, role: Role) => http.post<{ invitation: Invitation; link: string }>('/api/users/invitations', { email, role }),
  revokeInvitation: (id: string) => http.del<Invitation>(`/api/users/invitations/${encodeURIComponent(id)}`),
  showInvitation: (token: string) => http.get<{ email: string; role: Role; workspaceName: string; expiresAt: number }>(`/api/auth/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string, name: string, password: string) => http.post<{ id: string }>(`/api/auth/invitations/${encodeURIComponent(token)}/accept`, { name, password }),
  setPublishNeedsApproval: (on: boolean) => http.patch<{ publishNeedsApproval: boolean }>('/api/workspaces/current', { publishNeedsApproval: on }),
  workspace: () => http.get<{ publishNeedsApproval: boolean; timezone: string }>('/api/workspaces/current'),
  audit: (filter: { journeyId?: string; before?: string }) => {
    const q = new URLSearchParams({ limit: '100' });
    if (filter.journeyId) q.set('journeyId', filter.journeyId);
    if (filter.before) q.set('before', filter.before);
    return http.get<{ entries: AuditEntry[]; next: string | null }>(`/api/audit?${q}`);
  },
  requests: async (journeyId: string) => (await http.get<{ requests: PublishRequest[] }>(journey(journeyId, '/publish-requests'))).requests,
  requestPublish: (journeyId: string, revision: number, note: string, migration?: MigrationPlan) =>
    http.post<PublishRequest>(journey(journeyId, '/publish-requests'), { revision, note, ...(migration ? { migration } : {}) }),
  approve: (journeyId: string, requestId: string, comment: string, activeVersion: number | null) =>
    http.post<{ request: PublishRequest; published: { version: number; unchanged: boolean } }>(journey(journeyId, `/publish-requests/${encodeURIComponent(requestId)}/approve`), { comment, activeVersion }),
  reject: (journeyId: string, requestId: string, comment: string) => http.post<PublishRequest>(journey(journeyId, `/publish-requests/${encodeURIComponent(requestId)}/reject`), { comment }),
  updateJourney: (id: string, patch: JourneyPatch) => http.patch<{ id: string; name: string }>(journey(id), patch),
  duplicateJourney: (id: string) => http.post<{ id: string; name: string }>(journey(id, '/duplicate'), {}),
  deleteJourney: (id: string) => http.del<{ deleted: true }>(journey(id)),
};

export const isManager = (role: string | null | undefined): boolean => role === 'owner' || role === 'admin';
