// Publishing a graph as the next version, for both publish (the draft) and rollback (an older
// version, which also becomes the draft so the next publish does not silently undo it).
// Three guarantees: a graph identical to the live one makes no new version; two publishers who
// saw the same live version get one version and one 409; nothing is half-written.
import { and, desc, eq, journeyMigrations, journeys, journeyVersions, newId, type Tx } from '@braid/db';
import { canonicalJson, sameJourneyContent } from '@braid/journey';
import { recordAudit, type AuditEntry } from '../audit/record';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from './deps';
import { checkMigrationPlan, movesAnyone, nextVersionNumber, type MigrationPlanInput, type ResolvedPlan } from './migration-plan';
import { peopleLabels } from './people';
import { foreignSegmentIssues } from './references';
import { messageIssues } from './message-checks';
import { summary } from './summaries';

type JourneyRow = typeof journeys.$inferSelect;
type VersionRow = typeof journeyVersions.$inferSelect;
type Graphish = Parameters<typeof sameJourneyContent>[0];
export type FieldIssue = { nodeId: string | null; path: string; message: string; field: string };

export type PublishRequest = {
  journey: JourneyRow;
  graph: unknown;
  author: string;
  note: string;
  /** The live version the publisher reviewed; another one live by now is a conflict. */
  expectedActiveVersion: number | null;
  /** Rollback: the draft becomes `graph` too. */
  replaceDraft: boolean;
  /** Names the request field a conflict is about (`activeVersion`, or `version` for a rollback). */
  conflictField: string;
  /** Customers in older versions who move to the new one (none: everyone stays), and who decided it. */
  migration?: { plan: MigrationPlanInput; actor: AuditEntry['actor'] } | undefined;
};

// Every issue at once, each with its node id, so the canvas can mark all of them.
function refuse(issues: FieldIssue[]): ApiError {
  return new ApiError(422, 'journey_invalid', `The journey cannot be published: ${issues.length} problem${issues.length === 1 ? '' : 's'} to fix`, issues);
}

function conflict(field: string, live: number | null, expected: number | null, by: string | null): ApiError {
  const who = by ? ` by ${by}` : '';
  return new ApiError(
    409,
    'publish_conflict',
    live === null
      ? 'The journey changed while you were publishing; review it again'
      : `Version ${live} was published${who} while you were reviewing version ${expected ?? 'none'}; review the changes again before publishing`,
    [{ field, message: `live version is ${live ?? 'none'}, expected ${expected ?? 'none'}` }],
  );
}

const isUniqueViolation = (e: unknown): boolean => /UNIQUE constraint failed: journey_versions/i.test(String((e as { message?: unknown })?.message ?? e)) || /UNIQUE constraint failed: journey_versions/i.test(String((e as { cause?: unknown })?.cause ?? ''));

export function createPublisher(deps: JourneyRouteDeps) {
  const { db } = deps;

  async function issuesOf(journey: JourneyRow, graph: unknown): Promise<FieldIssue[]> {
    const issues = [...(await deps.validateGraph(graph)), ...(await foreignSegmentIssues(db, journey.workspaceId, graph))];
    // The message checks may repeat a syntax problem the canvas's own check found: told once.
    const told = new Set(issues.map((i) => `${i.nodeId}|${i.path}|${(i as { code?: string }).code ?? ''}`));
    for (const m of await messageIssues(db, journey.workspaceId, graph)) if (!told.has(`${m.nodeId}|${m.path}|${m.code}`)) issues.push(m);
    return issues.map((i) => ({ ...i, field: i.nodeId ? `nodes.${i.nodeId}${i.path ? `.${i.path}` : ''}` : i.path || 'graph' }));
  }

  async function inTransaction(req: PublishRequest, tx: Tx, plan: ResolvedPlan | null): Promise<{ row: VersionRow; unchanged: boolean; migrationId: string | null }> {
    const [current] = await tx.select().from(journeys).where(eq(journeys.id, req.journey.id)).limit(1);
    if (!current) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    const [latest] = await tx.select().from(journeyVersions).where(eq(journeyVersions.journeyId, current.id)).orderBy(desc(journeyVersions.version)).limit(1);
    if (current.activeVersion !== req.expectedActiveVersion) {
      throw conflict(req.conflictField, current.activeVersion, req.expectedActiveVersion, latest?.author ? ((await peopleLabels(tx, current.workspaceId, [latest.author])).get(latest.author) ?? null) : null);
    }
    const now = Date.now();
    const draftUpdate = req.replaceDraft && canonicalJson(current.draftGraph) !== canonicalJson(req.graph)
      ? { draftGraph: req.graph, draftRevision: current.draftRevision + 1, updatedAt: now, updatedBy: req.author }
      : null;
    const [live] = current.activeVersion === null
      ? []
      : await tx.select().from(journeyVersions).where(and(eq(journeyVersions.journeyId, current.id), eq(journeyVersions.version, current.activeVersion))).limit(1);
    if (live && sameJourneyContent(live.graph as Graphish, req.graph as Graphish)) {
      if (draftUpdate) await tx.update(journeys).set(draftUpdate).where(eq(journeys.id, current.id));
      return { row: live, unchanged: true, migrationId: null };
    }
    const number = (latest?.version ?? 0) + 1;
    const ir = deps.compileGraph(req.graph, { journeyId: current.id, version: number });
    const row: VersionRow = { id: newId(now), journeyId: current.id, workspaceId: current.workspaceId, version: number, ir, graph: req.graph, author: req.author, note: req.note, createdAt: now };
    await tx.insert(journeyVersions).values(row);
    // The active version switches now; customers already inside stay on the version they entered.
    const updated = await tx
      .update(journeys)
      .set({
        activeVersion: number,
        triggerEvent: deps.triggerKeyOf(ir),
        status: current.status === 'paused' ? 'paused' : 'active',
        updatedAt: now,
        updatedBy: req.author,
        ...(draftUpdate ?? {}),
      })
      // Compare-and-set: a writer outside this process (another API instance) that switched the
      // live version after our read makes this update miss, and the whole publish rolls back.
      .where(and(eq(journeys.id, current.id), current.activeVersion === null ? undefined : eq(journeys.activeVersion, current.activeVersion)))
      .returning({ id: journeys.id });
    if (updated.length === 0) throw conflict(req.conflictField, null, req.expectedActiveVersion, null);
    // The migration is committed with its version: its driver starts once both exist.
    let migrationId: string | null = null;
    if (plan && req.migration && movesAnyone(plan)) {
      migrationId = newId(now);
      await tx.insert(journeyMigrations).values({ id: migrationId, workspaceId: current.workspaceId, journeyId: current.id, toVersion: number, plan, createdBy: req.author, createdAt: now });
      await recordAudit(tx, { workspaceId: current.workspaceId, actor: req.migration.actor, action: 'journey.migrated', journeyId: current.id, targetId: migrationId, details: { version: number, plan } });
    }
    return { row, unchanged: false, migrationId };
  }

  /** The version is live either way; a driver that cannot start leaves the migration marked failed, with why. */
  async function startMigrationOrMarkFailed(migrationId: string): Promise<void> {
    try {
      if (!deps.startMigration) throw new Error('the journey runtime is not connected');
      await deps.startMigration(migrationId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.update(journeyMigrations).set({ status: 'failed', error: message, finishedAt: Date.now() }).where(eq(journeyMigrations.id, migrationId));
    }
  }

  return async function publishGraph(req: PublishRequest) {
    const issues = await issuesOf(req.journey, req.graph);
    if (issues.length > 0) throw refuse(issues);
    // A plan that could not work is refused before anything is written.
    const plan = req.migration ? await checkMigrationPlan(db, req.journey.id, req.migration.plan, { ir: deps.compileGraph(req.graph, { journeyId: req.journey.id, version: await nextVersionNumber(db, req.journey.id) }), graph: req.graph }) : null;
    let result: { row: VersionRow; unchanged: boolean; migrationId: string | null };
    try {
      result = await db.transaction((tx) => inTransaction(req, tx, plan));
    } catch (e) {
      // Two publishers racing past the live-version check both reach the unique (journey, version) index.
      if (isUniqueViolation(e)) throw conflict(req.conflictField, null, req.expectedActiveVersion, null);
      throw e;
    }
    if (!result.unchanged) deps.onJourneyChanged?.(req.journey.workspaceId, req.journey.id);
    if (result.migrationId) await startMigrationOrMarkFailed(result.migrationId);
    const [journey] = await db.select().from(journeys).where(eq(journeys.id, req.journey.id));
    const people = await peopleLabels(db, req.journey.workspaceId, [result.row.author]);
    const v = result.row;
    return {
      unchanged: result.unchanged,
      body: {
        id: v.id,
        version: v.version,
        author: v.author,
        authorName: v.author ? (people.get(v.author) ?? null) : null,
        note: v.note,
        createdAt: v.createdAt,
        unchanged: result.unchanged,
        migrationId: result.migrationId,
        journey: await summary(db, journey!),
      },
    };
  };
}
