// Who and where a step's effects happen: the enrollment's customer (or the profile it was merged
// into) with their traits. One read in the usual case of a customer never merged.
import { ApplicationFailure } from '@temporalio/common';
import { customers, eq, liveCustomerId } from '@braid/db';
import type { StepRequest } from '../workflows/contract';
import type { ActivityDeps, EffectContext } from './deps';

const CUSTOMER = 'SELECT merged_into, traits FROM customers WHERE id = ?';

/** The customer row's two columns, as a caller that read them in a larger statement passes them. */
export type CustomerRow = { merged_into?: unknown; traits?: unknown } | Record<string, unknown>;

export async function effectContext(deps: ActivityDeps, request: StepRequest, known?: CustomerRow): Promise<EffectContext> {
  const { enrollment } = request;
  const row: CustomerRow | undefined = known ?? (await deps.db.$client.execute({ sql: CUSTOMER, args: [enrollment.customerId] })).rows[0];
  let customerId = enrollment.customerId;
  let traits = typeof row?.traits === 'string' ? (JSON.parse(row.traits) as Record<string, unknown>) : null;
  if (row && typeof row.merged_into === 'string' && row.merged_into) {
    // A profile merged since the customer entered lives on under another id: act on that one, so
    // traits, addresses and sends follow the merge instead of the emptied duplicate.
    customerId = (await liveCustomerId(deps.db, row.merged_into)) ?? enrollment.customerId;
    const [live] = await deps.db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, customerId)).limit(1);
    traits = live?.traits ?? null;
  }
  if (!traits) throw ApplicationFailure.nonRetryable(`customer ${enrollment.customerId} does not exist`, 'UnknownCustomer');
  return {
    workspaceId: enrollment.workspaceId,
    journeyId: enrollment.journeyId,
    version: enrollment.version,
    customerId,
    enrollmentId: enrollment.enrollmentId,
    nodeId: request.nodeId,
    traits,
  };
}
