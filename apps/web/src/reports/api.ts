// The admin API calls of the reports screens; CSV exports are plain links (the browser streams them to a file).
import { http } from '../api/http';

export interface Summary {
  entered: number;
  inProgress: number;
  converted: number;
  conversionRate: number;
  revenue: number;
  referralsCredited: number;
}
export interface StepRow {
  nodeId: string;
  type: string;
  label: string | null;
  entered: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  failed: number;
  postponed: number;
}
export interface GroupRow {
  splitNodeId: string;
  group: string;
  label: string;
  holdout: boolean;
  size: number;
  converted: number;
  conversionRate: number;
  revenue: number;
}
export interface JourneyReport {
  journey: { id: string; name: string; version: number | null; goalEvent: string | null; goalWindowMs: number | null };
  summary: Summary;
  steps: StepRow[];
  groups: GroupRow[];
}
export interface JourneyLine {
  id: string;
  name: string;
  status: string;
  version: number | null;
  summary: Summary;
}
export interface ChannelRow {
  channel: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  failed: number;
  engagementRate: number;
}
export interface TimeCell {
  channel: string;
  slot: number;
  sent: number;
  engaged: number;
}
export interface Engagement {
  timezone: string;
  from: number;
  to: number;
  channels: ChannelRow[];
  byHour: TimeCell[];
  byWeekday: TimeCell[];
  groups: { segmentId: string; segment: string; channel: string; customers: number; sent: number; engaged: number; engagementRate: number }[];
}

export const reportsApi = {
  journeys: () => http.get<{ journeys: JourneyLine[] }>('/api/reports/journeys'),
  journey: (id: string, version?: number | null) => http.get<JourneyReport>(`/api/reports/journeys/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`),
  engagement: (segment?: string | null) => http.get<Engagement>(`/api/reports/engagement${segment ? `?segment=${encodeURIComponent(segment)}` : ''}`),
  segments: async () => (await http.get<{ segments: { id: string; name: string }[] }>('/api/segments')).segments,
};

export const journeyCsv = (id: string, table: 'summary' | 'steps' | 'groups' | 'enrolments', version?: number | null) =>
  `/api/reports/journeys/${encodeURIComponent(id)}/export?table=${table}${version ? `&version=${version}` : ''}`;
export const engagementCsv = (table: 'channels' | 'hours' | 'weekdays' | 'groups', segment?: string | null) =>
  `/api/reports/engagement/export?table=${table}${segment ? `&segment=${encodeURIComponent(segment)}` : ''}`;
