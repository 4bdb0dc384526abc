// The admin API calls of the task inbox.
import { http } from '../api/http';

export const outcomes = ['reached', 'noAnswer', 'booked', 'notInterested'] as const;
export type Outcome = (typeof outcomes)[number];
export type TaskFilter = 'open' | 'mine' | 'done';

export interface StaffTask {
  id: string;
  kind: string;
  title: string;
  note: string;
  assignee: string | null;
  status: 'open' | 'done' | 'cancelled';
  dueAt: number | null;
  createdAt: number;
  customer: { id: string; name: string | null; phone: string | null; email: string | null; traits: Record<string, unknown> };
  why: {
    journeyId: string;
    journeyName: string | null;
    version: number | null;
    nodeId: string | null;
    stepName: string | null;
    journeyStatus: 'active' | 'completed' | 'exited' | 'converted' | 'failed' | null;
  } | null;
  claimedBy: { id: string; label: string } | null;
  claimedAt: number | null;
  outcome: Outcome | null;
  outcomeNote: string | null;
  completedBy: { id: string; label: string } | null;
  completedAt: number | null;
}

export const tasksApi = {
  list: (filter: TaskFilter, cursor: string | null) =>
    http.get<{ tasks: StaffTask[]; nextCursor: string | null }>(`/api/staff-tasks?filter=${filter}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  claim: (id: string) => http.post<StaffTask>(`/api/staff-tasks/${encodeURIComponent(id)}/claim`, {}),
  complete: (id: string, outcome: Outcome, note: string) => http.post<StaffTask>(`/api/staff-tasks/${encodeURIComponent(id)}/complete`, { outcome, note }),
};
