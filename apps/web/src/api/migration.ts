// The in-flight migration plan: what the publish dialog offers (who waits where, where they
// could move, the suggested mapping) and the migrations already started, over the admin API.
import { http } from './http';

export type Waits = 'timer' | 'event' | null;
export type StepOption = { stepId: string; label: string | null; type: string | null; waits: Waits };
export type MigrationOptions = {
  toVersion: number;
  ready: boolean;
  targets: StepOption[];
  versions: { version: number; customers: number; steps: (StepOption & { customers: number; suggested: string | null })[] }[];
};
/** Per older version: stay, or move with waiting step id → step id of the new version. */
export type MigrationPlan = { versions: { version: number; action: 'stay' | 'move'; steps: Record<string, string> }[] };
export type Migration = { id: string; toVersion: number; status: 'running' | 'completed' | 'failed'; signalled: number; moved: number; error: string | null; createdAt: number };

const journey = (id: string, rest: string) => `/api/journeys/${encodeURIComponent(id)}${rest}`;

export const migrationApi = {
  options: (journeyId: string) => http.get<MigrationOptions>(journey(journeyId, '/migration-plan')),
  list: (journeyId: string) => http.get<{ migrations: Migration[] }>(journey(journeyId, '/migrations')),
};

/** Customers a plan moves, by the options' counts (mapped steps of versions set to move). */
export function customersMoved(options: MigrationOptions, plan: MigrationPlan | null): number {
  if (!plan) return 0;
  let n = 0;
  for (const v of plan.versions) {
    if (v.action !== 'move') continue;
    const counts = options.versions.find((o) => o.version === v.version);
    for (const s of counts?.steps ?? []) if (v.steps[s.stepId]) n += s.customers;
  }
  return n;
}

/** Only versions that move someone travel; a plan where everyone stays is no plan. */
export function planToSend(plan: MigrationPlan | null): MigrationPlan | undefined {
  const moving = plan?.versions.filter((v) => v.action === 'move' && Object.keys(v.steps).length > 0) ?? [];
  return moving.length > 0 ? { versions: moving } : undefined;
}
