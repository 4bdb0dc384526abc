// The admin API calls of the segment screens: the list with sizes, one segment, saving, the
// live preview of an unsaved rule, the pickers' catalogue and the journeys using a segment.
import type { SegmentRule } from '@braid/journey';
import { request } from '../api/http';

export type SegmentView = {
  id: string;
  name: string;
  rule: SegmentRule;
  members: number;
  evaluatedAt: number | null;
  timeBased: boolean;
  createdAt: number;
};

export type PreviewView = { count: number; sample: { customerId: string; traits: Record<string, unknown> }[] };
export type CatalogueView = {
  events: { name: string; count: number; properties: { key: string; values: string[] }[] }[];
  traits: { key: string; values: string[] }[];
};
export type JourneyUseView = { id: string; name: string; status: string; triggeredBySegment: boolean };

export const segmentsApi = {
  list: () => request<{ segments: SegmentView[] }>('GET', '/api/segments').then((r) => r.segments),
  get: (id: string) => request<SegmentView>('GET', `/api/segments/${encodeURIComponent(id)}`),
  create: (name: string, rule: SegmentRule) => request<SegmentView>('POST', '/api/segments', { name, rule }),
  update: (id: string, name: string, rule: SegmentRule) => request<SegmentView>('PUT', `/api/segments/${encodeURIComponent(id)}`, { name, rule }),
  remove: (id: string) => request<{ deleted: true }>('DELETE', `/api/segments/${encodeURIComponent(id)}`),
  preview: (rule: SegmentRule, segmentId: string | null, signal?: AbortSignal) =>
    request<PreviewView>('POST', '/api/segments/preview', segmentId ? { rule, segmentId } : { rule }, signal ? { signal } : undefined),
  catalogue: () => request<CatalogueView>('GET', '/api/segments/catalogue'),
  journeys: (id: string) => request<{ journeys: JourneyUseView[] }>('GET', `/api/segments/${encodeURIComponent(id)}/journeys`).then((r) => r.journeys),
};
