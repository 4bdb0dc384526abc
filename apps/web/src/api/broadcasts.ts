// Broadcasts: a running journey sent to the members of a segment now (see the API's /broadcasts).
import { http } from './http';

export type BroadcastStatus = 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';

export type Broadcast = {
  id: string;
  journeyId: string;
  version: number;
  segmentId: string;
  status: BroadcastStatus;
  total: number;
  enrolled: number;
  skipped: number;
  lastSkipReason: string | null;
  ratePerSecond: number;
  processed: number;
  perSecond: number;
  etaSeconds: number | null;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
};

export type SegmentSummary = { id: string; name: string; members: number };

export const broadcastsApi = {
  segments: async () => (await http.get<{ segments: SegmentSummary[] }>('/api/segments')).segments,
  list: async (journeyId: string) => (await http.get<{ broadcasts: Broadcast[] }>(`/api/journeys/${encodeURIComponent(journeyId)}/broadcasts`)).broadcasts,
  get: (id: string) => http.get<Broadcast>(`/api/broadcasts/${encodeURIComponent(id)}`),
  start: (journeyId: string, body: { segmentId: string; ratePerSecond: number }) => http.post<Broadcast>(`/api/journeys/${encodeURIComponent(journeyId)}/broadcasts`, body),
  control: (id: string, action: 'pause' | 'resume' | 'cancel') => http.post<Broadcast>(`/api/broadcasts/${encodeURIComponent(id)}/${action}`),
};

/** True for a broadcast that may still enrol someone. */
export const isOpen = (b: Broadcast): boolean => b.status === 'running' || b.status === 'paused';
