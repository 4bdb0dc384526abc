// The admin API calls of the Customers screens: search, the customer 360, the activity timeline,
// consent, and the edits a marketer makes by hand.
import { http } from '../api/http';

export type Traits = Record<string, unknown>;

export interface CustomerSummary {
  id: string;
  traits: Traits;
  createdAt: number;
  lastSeenAt: number | null;
}

export interface IdentityView {
  type: string;
  value: string;
  source: { eventId: string; eventType: string; eventName: string | null; at: number; via: string } | null;
}

export interface EnrollmentView {
  enrollmentId: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: string;
  currentNode: string | null;
  enteredAt: number;
  finishedAt: number | null;
  entryEvent: { id: string; name: string | null; at: number } | null;
  lastStep: { nodeId: string; outcome: string; reason: string | null; at: number } | null;
}

export interface MergedView {
  id: string;
  traits: Traits;
  at: number;
  manual: boolean;
  by: string | null;
  canUnmerge: boolean;
}

export interface ChangeView {
  id: string;
  kind: 'traits' | 'merge' | 'unmerge';
  otherId: string | null;
  by: string;
  at: number;
  details: Record<string, unknown>;
  undoneAt: number | null;
}

export interface Profile {
  customer: CustomerSummary & { updatedAt: number };
  identities: IdentityView[];
  merged: MergedView[];
  journeys: EnrollmentView[];
  vouchers: Array<{ code: string; value: string; expiresAt: number | null; journeyId: string | null; createdAt: number }>;
  purchases: {
    eventName: string;
    orders: Array<{ eventId: string; orderId: string | null; revenue: number | null; currency: string; via: string; at: number }>;
    totals: Array<{ currency: string; revenue: number }>;
  };
  changes: ChangeView[];
}

export interface ActivityItem {
  kind: 'event' | 'message' | 'step';
  id: string;
  at: number;
  title: string;
  status: string;
  channel: string | null;
  journeyId: string | null;
  journeyName: string | null;
  nodeId: string | null;
  /** For a step: its name in the version the customer walked, and its node type. */
  stepLabel: string | null;
  stepType: string | null;
  detail: string | null;
  properties: Record<string, unknown> | null;
}

export interface Consent {
  groups: Array<{ group: { id: string; name: string; channel: string }; status: string; explicit: boolean; source: string | null; updatedAt: number | null }>;
  channels: Array<{ channel: string; status: string; source: string; updatedAt: number }>;
}

export interface UnmergeResult {
  moved: Record<string, number>;
  kept: Array<{ code: string; message: string }>;
}

const enc = encodeURIComponent;

export const customer360Api = {
  search: (q: string, cursor: string | null, limit = 25) => {
    const params = new URLSearchParams({ limit: String(limit) });
    if (q.trim()) params.set('q', q.trim());
    if (cursor) params.set('cursor', cursor);
    return http.get<{ customers: CustomerSummary[]; nextCursor: string | null }>(`/api/customers?${params}`);
  },
  profile: (id: string) => http.get<Profile>(`/api/customers/${enc(id)}/profile`),
  activity: (id: string, cursor: string | null) =>
    http.get<{ items: ActivityItem[]; nextCursor: string | null }>(`/api/customers/${enc(id)}/activity?limit=30${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  consent: (id: string) => http.get<Consent>(`/api/customers/${enc(id)}/subscriptions`),
  editTraits: (id: string, traits: Record<string, string | number | boolean | null>) =>
    http.patch<{ traits: Traits; changed: string[] }>(`/api/customers/${enc(id)}/traits`, { traits }),
  merge: (id: string, profileId: string) => http.post<{ survivor: string }>(`/api/customers/${enc(id)}/merge`, { profileId }),
  unmerge: (id: string, profileId: string) => http.post<UnmergeResult>(`/api/customers/${enc(id)}/unmerge`, { profileId }),
};

/** The name a marketer reads: name, else first + last, else email or phone. */
export function customerName(traits: Traits): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return text(traits.name) ?? (text([traits.firstName, traits.lastName].filter((v) => typeof v === 'string').join(' ')) || null);
}
