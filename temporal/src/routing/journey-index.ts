// Which active journeys an event can start, by (workspace, event name), without scanning all
// journeys: the `journeys.trigger_event` column is the index, this cache keeps hot lookups in
// memory. Published versions are immutable, so their IR is cached for good.
import { and, eq, journeys, journeyVersions } from '@braid/db';
import type { Db } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';

export type ActiveJourney = {
  workspaceId: string;
  journeyId: string;
  version: number;
  versionId: string;
  ir: JourneyIR;
  /** Entry window (ms since epoch, null open-ended): outside it byTrigger leaves the journey out. */
  startsAt?: number | null;
  endsAt?: number | null;
};

/** Checked at lookup time, not load time, so a cached list never lets anyone in after the end. */
const openAt = (now: number) => (j: ActiveJourney): boolean => (j.startsAt == null || now >= j.startsAt) && (j.endsAt == null || now < j.endsAt);

export type PublishedVersion = { versionId: string; ir: JourneyIR; listens: ReadonlySet<string> };

/** What goes into `journeys.trigger_event` for a trigger: the key routing looks journeys up by. */
export function triggerKeyOf(ir: JourneyIR): string | null {
  const t = ir.trigger;
  switch (t.kind) {
    case 'event':
      return t.match.event;
    case 'segmentEntered':
      return segmentTriggerKey(t.segmentId);
    case 'dateAttribute':
      return `date:${t.trait}`;
    case 'manual':
      return null;
    default:
      return null;
  }
}

export const segmentTriggerKey = (segmentId: string): string => `segment:${segmentId}`;

/** Event names a version reacts to once a customer is in it: wait-for-event, goal, exit criteria. */
export function listenedEvents(ir: JourneyIR): Set<string> {
  const names = new Set<string>();
  for (const step of Object.values(ir.steps)) {
    if (step.type === 'wait' && step.wait.kind === 'event') names.add(step.wait.match.event);
  }
  if (ir.goal) names.add(ir.goal.match.event);
  for (const exit of ir.exitCriteria) names.add(exit.match.event);
  return names;
}

export type JourneyIndex = {
  byTrigger(workspaceId: string, key: string): Promise<ActiveJourney[]>;
  version(journeyId: string, version: number): Promise<PublishedVersion | null>;
  /** Forget what is cached for a workspace (after publish, pause, resume, archive). */
  invalidate(workspaceId?: string): void;
};

export function createJourneyIndex(db: Db, options: { ttlMs?: number } = {}): JourneyIndex {
  // Other API processes publish too: a short TTL bounds how long this one can lag behind.
  const ttlMs = options.ttlMs ?? 5_000;
  const byKey = new Map<string, { at: number; journeys: Promise<ActiveJourney[]> }>();
  const versions = new Map<string, Promise<PublishedVersion | null>>();

  async function loadVersion(journeyId: string, version: number): Promise<PublishedVersion | null> {
    const [row] = await db
      .select({ id: journeyVersions.id, ir: journeyVersions.ir })
      .from(journeyVersions)
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)))
      .limit(1);
    if (!row) return null;
    const ir = row.ir as JourneyIR;
    return { versionId: row.id, ir, listens: listenedEvents(ir) };
  }

  function version(journeyId: string, v: number): Promise<PublishedVersion | null> {
    const key = `${journeyId}@${v}`;
    let cached = versions.get(key);
    if (!cached) {
      cached = loadVersion(journeyId, v).then((found) => {
        if (!found) versions.delete(key);
        return found;
      });
      versions.set(key, cached);
    }
    return cached;
  }

  async function load(workspaceId: string, key: string): Promise<ActiveJourney[]> {
    const rows = await db
      .select({ id: journeys.id, activeVersion: journeys.activeVersion, startsAt: journeys.startsAt, endsAt: journeys.endsAt })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.triggerEvent, key), eq(journeys.status, 'active')));
    const found: ActiveJourney[] = [];
    for (const row of rows) {
      if (row.activeVersion === null) continue;
      const published = await version(row.id, row.activeVersion);
      if (published) found.push({ workspaceId, journeyId: row.id, version: row.activeVersion, versionId: published.versionId, ir: published.ir, startsAt: row.startsAt, endsAt: row.endsAt });
    }
    return found;
  }

  return {
    byTrigger(workspaceId, key) {
      const cacheKey = `${workspaceId}\u0000${key}`;
      const now = Date.now();
      const hit = byKey.get(cacheKey);
      if (hit && now - hit.at < ttlMs) return hit.journeys.then((list) => list.filter(openAt(now)));
      const journeysPromise = load(workspaceId, key);
      byKey.set(cacheKey, { at: now, journeys: journeysPromise });
      journeysPromise.catch(() => byKey.delete(cacheKey));
      return journeysPromise.then((list) => list.filter(openAt(now)));
    },
    version,
    invalidate(workspaceId) {
      if (!workspaceId) return byKey.clear();
      for (const key of byKey.keys()) if (key.startsWith(`${workspaceId}\u0000`)) byKey.delete(key);
    },
  };
}
