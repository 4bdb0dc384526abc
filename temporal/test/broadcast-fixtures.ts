// What the broadcast suites share: publishing through the API, a Tết campaign started by hand,
// and a segment whose members are written as segment upkeep would have recorded them.
import { broadcasts, eq, journeys, segmentMembers } from '@braid/db';
import { expect } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import type { Stack } from './harness';

export type BroadcastView = { id: string; status: string; total: number; enrolled: number; skipped: number; processed: number; etaSeconds: number | null; lastSkipReason?: string | null };

export async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

export async function publish(stack: Stack, name: string, graph: unknown): Promise<string> {
  const { id } = await json<{ id: string }>(await stack.admin('/journeys', { method: 'POST', body: { name, graph } }), 201);
  await json(await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} }), 201);
  return id;
}

/** Trigger by hand → a greeting on the web channel → exit. */
export const tetCampaign = (reentry: 'afterExit' | 'once' = 'afterExit') =>
  journeyGraph(
    [
      ['start', 'trigger-manual', { reentry: { mode: reentry }, entryLimit: null }],
      ['wish', 'send-message', { channel: 'web', body: 'Chúc mừng năm mới {{ customer.firstName }}!' }],
      ['done', 'exit', { reason: 'Tết' }],
    ],
    [
      ['start', 'out', 'wish'],
      ['wish', 'out', 'done'],
    ],
  );

/** A segment no event fills, whose members are `n` customers identified as `{name}-{i}`. */
export async function segmentWith(stack: Stack, name: string, n: number): Promise<string> {
  const segment = await json<{ id: string }>(
    await stack.admin('/segments', { method: 'POST', body: { name, rule: { match: 'all', conditions: [{ kind: 'eventCount', event: 'Never', where: [], op: 'greaterOrEqual', count: 1, windowMs: 86_400_000 }] } } }),
    201,
  );
  for (let start = 0; start < n; start += 50) {
    const batch = Array.from({ length: Math.min(50, n - start) }, (_, k) => ({ type: 'identify', userId: `${name}-${start + k}`, traits: { firstName: `Khách ${start + k}` } }));
    await json(await stack.batch(batch), 200);
  }
  // The members as segment upkeep would have recorded them (these suites are about broadcasts).
  const rs = await stack.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value LIKE ?", args: [`${name}-%`] });
  const rows = rs.rows.map((r) => ({ segmentId: segment.id, customerId: String(r.customer_id), enteredAt: Date.now() }));
  if (rows.length > 0) await stack.db.db.insert(segmentMembers).values(rows);
  return segment.id;
}

export async function broadcastView(stack: Stack, id: string): Promise<BroadcastView> {
  return json<BroadcastView>(await stack.admin(`/broadcasts/${id}`), 200);
}

/** A broadcast row, running, of the journey's active version to the segment, as the API writes it before its workflow starts. */
export async function runningBroadcast(stack: Stack, input: { id: string; journeyId: string; segmentId: string; total: number; at: number }) {
  const [journey] = await stack.db.db.select().from(journeys).where(eq(journeys.id, input.journeyId));
  await stack.db.db.insert(broadcasts).values({
    id: input.id,
    workspaceId: journey!.workspaceId,
    journeyId: input.journeyId,
    version: journey!.activeVersion!,
    segmentId: input.segmentId,
    status: 'running',
    total: input.total,
    ratePerSecond: 2_000,
    createdAt: input.at,
    updatedAt: input.at,
  });
}
