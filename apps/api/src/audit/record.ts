// Appends one entry to the audit log. Callers pass their transaction when they have one, so the
// entry and the change it describes commit together (no change without its entry).
import { auditLog, newId, type DbOrTx } from '@braid/db';
import type { Actor } from '../env';
import { peopleLabels } from '../journeys/people';

export const auditActions = [
  'journey.published',
  'journey.rolled_back',
  'journey.migrated',
  'journey.paused',
  'journey.resumed',
  'journey.archived',
  'journey.updated',
  'journey.duplicated',
  'journey.deleted',
  'publish.requested',
  'publish.approved',
  'publish.rejected',
  'user.invited',
  'user.joined',
  'user.role_changed',
  'user.removed',
  'invitation.revoked',
  'api_key.created',
  'api_key.revoked',
  'workspace.updated',
  'workspace.created',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEntry = {
  workspaceId: string;
  actor: Pick<Actor, 'id' | 'kind'> & { email?: string | undefined };
  action: AuditAction;
  journeyId?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
};

/** The actor as a teammate recognises them now; stored, so it survives the user's removal. */
async function labelOf(db: DbOrTx, workspaceId: string, actor: AuditEntry['actor']): Promise<string> {
  const labels = await peopleLabels(db, workspaceId, [actor.id]);
  return labels.get(actor.id) ?? actor.email ?? actor.id;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const now = Date.now();
  await db.insert(auditLog).values({
    id: newId(now),
    workspaceId: entry.workspaceId,
    at: now,
    actorId: entry.actor.id,
    actorLabel: await labelOf(db, entry.workspaceId, entry.actor),
    action: entry.action,
    journeyId: entry.journeyId ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}
