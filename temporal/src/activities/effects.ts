// Non-message side effects of journeys. Each is keyed by the step's idempotency key, so a
// retried activity finds what the first attempt did instead of doing it again.
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createAudiences, loadAudienceCustomers } from '@braid/channels';
import { customers, eq, newId, staffTasks, vouchers } from '@braid/db';
import type { ActionServices } from '@braid/sdk/server';
import type { ActivityDeps, EffectContext } from './deps';

type Input<K extends keyof ActionServices> = Parameters<NonNullable<ActionServices[K]>>[0];

export async function updateProfile(deps: ActivityDeps, ctx: EffectContext, input: Input<'updateProfile'>): Promise<void> {
  const now = (deps.now ?? Date.now)();
  // Setting the same traits twice is harmless, so the key is not stored.
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ traits: customers.traits }).from(customers).where(eq(customers.id, ctx.customerId)).limit(1);
    if (!row) return;
    const traits: Record<string, unknown> = { ...row.traits, ...input.set };
    for (const name of input.unset) delete traits[name];
    await tx.update(customers).set({ traits, updatedAt: now }).where(eq(customers.id, ctx.customerId));
  });
}

export async function changeAudience(deps: ActivityDeps, ctx: EffectContext, input: Input<'changeAudience'>): Promise<void> {
  // Facebook / Google get the customer's hashed email and phone when configured; every platform
  // is recorded in audience_members after the push succeeds.
  const audiences = deps.audiences ?? createAudiences({ db: deps.db });
  const members = await loadAudienceCustomers(deps.db, ctx.workspaceId, [ctx.customerId]);
  const result = await audiences.change(
    input.platform,
    input.operation,
    { workspaceId: ctx.workspaceId, name: input.audience, idempotencyKey: input.idempotencyKey },
    members,
    deps.now ? { now: deps.now } : undefined,
  );
  if (result.status === 'done') return;
  const message = `${result.error?.code ?? 'AUDIENCE_FAILED'}: ${result.error?.message ?? `${input.platform} refused the audience change`}`;
  // Temporal retries a retryable failure with backoff; a refusal takes the node's failure path.
  if (result.retryable) throw ApplicationFailure.retryable(message, 'AudienceFailed');
  throw ApplicationFailure.nonRetryable(message, 'AudienceRefused');
}

export async function issueVoucher(
  deps: ActivityDeps,
  ctx: EffectContext,
  input: Input<'issueVoucher'>,
): Promise<{ code: string; expiresAt: string }> {
  const now = (deps.now ?? Date.now)();
  const code = `${input.prefix}${randomBytes(4).toString('hex').toUpperCase()}`;
  const value =
    input.discount.kind === 'amount' ? `${input.discount.amount} ${input.discount.currency}` : `${input.discount.percent}%`;
  const expiresAt = Date.parse(input.expiresAt);
  await deps.db
    .insert(vouchers)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      code,
      customerId: ctx.customerId,
      value,
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : null,
      journeyId: ctx.journeyId,
      nodeId: ctx.nodeId,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: vouchers.idempotencyKey });
  // A retry finds the code the first attempt issued.
  const [row] = await deps.db
    .select({ code: vouchers.code, expiresAt: vouchers.expiresAt })
    .from(vouchers)
    .where(eq(vouchers.idempotencyKey, input.idempotencyKey))
    .limit(1);
  return { code: row?.code ?? code, expiresAt: row?.expiresAt ? new Date(row.expiresAt).toISOString() : input.expiresAt };
}

export async function createStaffTask(
  deps: ActivityDeps,
  ctx: EffectContext,
  input: Input<'createStaffTask'>,
): Promise<{ taskId: string }> {
  const now = (deps.now ?? Date.now)();
  const dueAt = Date.parse(input.dueAt);
  await deps.db
    .insert(staffTasks)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      customerId: ctx.customerId,
      kind: input.kind,
      title: input.title,
      note: input.note,
      assignee: input.assignee ?? null,
      // The inbox shows why: this journey's step.
      journeyId: ctx.journeyId,
      journeyVersion: ctx.version,
      nodeId: ctx.nodeId,
      dueAt: Number.isFinite(dueAt) ? dueAt : null,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: staffTasks.idempotencyKey });
  const [row] = await deps.db
    .select({ id: staffTasks.id })
    .from(staffTasks)
    .where(eq(staffTasks.idempotencyKey, input.idempotencyKey))
    .limit(1);
  return { taskId: row?.id ?? '' };
}
