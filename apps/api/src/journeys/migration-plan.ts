// The migration plan chosen when publishing: per older version, its customers stay (default) or
// move to the new version, each waiting step mapped onto a step of the new one. Checked here
// with the rules each customer's workflow applies to its own position (packages/journey), so a
// plan that could not work is refused before anything is published, naming the steps.
import { and, desc, eq, journeyVersions, type DbOrTx } from '@braid/db';
import { moveRefusal } from '@braid/journey';
import type { JourneyIR } from '@braid/sdk';
import { z } from '@hono/zod-openapi';
import { ApiError, type ErrorDetail } from '../errors';

const StepId = z.string().min(1).max(200);

export const MigrationPlanInput = z
  .object({
    versions: z
      .array(
        z.object({
          version: z.number().int().min(1),
          action: z.enum(['stay', 'move']).openapi({ description: '`stay`: customers finish on their version; `move`: mapped waiting steps move to the new version' }),
          steps: z.record(StepId, StepId).default({}).openapi({ description: 'Waiting step id of this version → step id of the new version; unmapped steps stay' }),
        }),
      )
      .max(100),
  })
  .openapi('MigrationPlan', { description: 'What happens to customers already inside older versions; versions not listed stay' });
export type MigrationPlanInput = z.infer<typeof MigrationPlanInput>;

/** Per moving version (as a string key): waiting step id → new step id. What the driver sends. */
export type ResolvedPlan = Record<string, Record<string, string>>;

type LooseGraph = { nodes?: { id: string; type: string; label?: string }[] };

/** A step as the marketer named it on the canvas ("Chờ đơn hàng"), else its id and type. */
export function stepName(graph: unknown, stepId: string): string {
  const node = (graph as LooseGraph | null)?.nodes?.find((n) => n.id === stepId);
  if (node?.label) return `"${node.label}"`;
  return node ? `"${stepId}" (${node.type})` : `"${stepId}"`;
}

function isTrigger(graph: unknown, stepId: string): boolean {
  const node = (graph as LooseGraph | null)?.nodes?.find((n) => n.id === stepId);
  return !!node && node.type.startsWith('trigger-');
}

export type NewVersion = { ir: JourneyIR; graph: unknown };

/**
 * The plan resolved to the versions that move, or a 422 `migration_invalid` listing every
 * mapping that cannot work: an unknown or newer version, a step nobody waits at, a target that
 * does not exist, is the trigger, or waits differently (an event wait onto a send or a delay).
 */
export async function checkMigrationPlan(db: DbOrTx, journeyId: string, plan: MigrationPlanInput, next: NewVersion): Promise<ResolvedPlan> {
  // Shaped like publish issues (no node of the draft to mark: `nodeId` null), each naming its field.
  const problems: (ErrorDetail & { nodeId: null; path: string })[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message, nodeId: null, path: field });
  const resolved: ResolvedPlan = {};
  const seen = new Set<number>();
  for (const [i, entry] of plan.versions.entries()) {
    const field = `migration.versions.${i}`;
    if (seen.has(entry.version)) {
      problem(`${field}.version`, `version ${entry.version} is listed twice`);
      continue;
    }
    seen.add(entry.version);
    if (entry.action === 'stay') continue;
    const [old] = await db
      .select({ ir: journeyVersions.ir, graph: journeyVersions.graph })
      .from(journeyVersions)
      .where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, entry.version)))
      .limit(1);
    if (!old || entry.version >= next.ir.version) {
      problem(`${field}.version`, `version ${entry.version} is not an earlier version of this journey`);
      continue;
    }
    const from = old.ir as JourneyIR;
    const steps: Record<string, string> = {};
    for (const [fromStep, toStep] of Object.entries(entry.steps)) {
      const what = `${stepName(old.graph, fromStep)} (version ${entry.version}) → ${stepName(next.graph, toStep)}`;
      const stepField = `${field}.steps.${fromStep}`;
      if (isTrigger(next.graph, toStep)) {
        problem(stepField, `${what}: ${stepName(next.graph, toStep)} is the trigger, where customers enter; map onto a wait step`);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(next.ir.steps, toStep)) {
        problem(stepField, `${what}: ${stepName(next.graph, toStep)} does not exist in the new version`);
        continue;
      }
      const refusal = moveRefusal(from, next.ir, fromStep, toStep);
      if (refusal) {
        problem(stepField, `${what}: ${named(refusal, old.graph, next.graph, fromStep, toStep)}`);
        continue;
      }
      steps[fromStep] = toStep;
    }
    resolved[String(entry.version)] = steps;
  }
  if (problems.length > 0) {
    throw new ApiError(422, 'migration_invalid', `The migration plan cannot work: ${problems.length} mapping${problems.length === 1 ? '' : 's'} to fix; nothing was published`, problems);
  }
  return resolved;
}

/** The core's reason with the step ids replaced by their names. */
function named(reason: string, oldGraph: unknown, newGraph: unknown, fromStep: string, toStep: string): string {
  return reason.replaceAll(`"${fromStep}"`, stepName(oldGraph, fromStep)).replaceAll(`"${toStep}"`, stepName(newGraph, toStep));
}

/** The number the next published version will get (the plan is checked against it). */
export async function nextVersionNumber(db: DbOrTx, journeyId: string): Promise<number> {
  const [latest] = await db.select({ version: journeyVersions.version }).from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId)).orderBy(desc(journeyVersions.version)).limit(1);
  return (latest?.version ?? 0) + 1;
}

/** True when the plan moves anybody (an all-stay plan is today's behaviour: nothing to run). */
export const movesAnyone = (plan: ResolvedPlan): boolean => Object.values(plan).some((steps) => Object.keys(steps).length > 0);
