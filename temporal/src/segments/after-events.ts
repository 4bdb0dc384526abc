// Membership after ingested events, decided per workspace for the whole batch in SQL: only the
// segments those event names (or, for identify, traits) can change are evaluated, and only for
// the batch's customers. Used by routing (which then enrols the joins) and, without a runtime,
// by ingestion alone (the joins then wait for a process that can enrol them).
import type { Db } from '@braid/db';
import { loadWorkspaceSegments, refreshCustomers, type Join } from './membership';

export type IngestedEventRef = { workspaceId: string; customerId: string; event: { id: string; type: string; name: string | null } };

export type JoinsAfterEvents = { workspaceId: string; joins: Join[]; firstEventOf: Map<string, string> };

export async function segmentsAfterEvents(db: Db, events: readonly IngestedEventRef[], options: { now: number; leaseUntil?: number }): Promise<JoinsAfterEvents[]> {
  const byWorkspace = new Map<string, IngestedEventRef[]>();
  for (const e of events) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
  const out: JoinsAfterEvents[] = [];
  for (const [workspaceId, list] of byWorkspace) {
    const all = await loadWorkspaceSegments(db, workspaceId);
    if (all.rules.size === 0) continue;
    const firstEventOf = new Map<string, string>();
    const names = new Set<string>();
    let traits = false;
    for (const e of list) {
      if (!firstEventOf.has(e.customerId)) firstEventOf.set(e.customerId, e.event.id);
      if (e.event.type === 'track' && e.event.name) names.add(e.event.name);
      if (e.event.type === 'identify') traits = true;
    }
    const { joined } = await refreshCustomers(db, all, [...firstEventOf.keys()], { events: names, traits }, options);
    out.push({ workspaceId, joins: joined, firstEventOf });
  }
  return out;
}
