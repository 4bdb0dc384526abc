// Non-message side effects of journeys. Each is keyed by the step's idempotency key, so a
// retried activity finds what the first attempt did instead of doing it again.
import { randomBytes } from 'node:crypto';
import { audienceMembers, customers, eq, newId, staffTasks, vouchers } from '@braid/db';
import type { ActionServices } from '@braid/sdk/server';
import type { ActivityDeps, EffectContext } from './deps';

type Input<K extends keyof ActionServices> = Parameters<ActionServices[K]>[0];

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
  const now = (deps.now ?? Date.now)();
  const member = input.operation === 'add';
  await deps.db
    .insert(audienceMembers)
    .values({
      workspaceId: ctx.workspaceId,
      audience: input.audience,
      platform: input.platform,
      customerId: ctx.customerId,
      addedAt: now,
      removedAt: member ? null : now,
    })
    .onConflictDoUpdate({
      target: [audienceMembers.workspaceId, audienceMembers.audience, audienceMembers.platform, audienceMembers.customerId],
      set: member ? { removedAt: null } : { removedAt: now },
    });
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
      note: [input.title, input.note, input.assignee ? `assignee: ${input.assignee}` : ''].filter(Boolean).join('\n'),
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
