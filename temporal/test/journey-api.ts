// What the runtime tests do through a running Braid, whether the in-process stack (harness.ts)
// or the cluster (test-cluster): publish a journey over the admin API, and find a customer and
// their enrollment in the database.
import { and, enrollments, eq, type BraidDb } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';
import { expect } from 'vitest';

/** What a test needs of a running Braid: its admin API, its ingestion and its database. */
export type Braid = {
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  ingest(path: string, body: unknown): Promise<Response>;
  db: BraidDb;
};

/** Creates a journey and publishes it; its id and the IR of version 1. */
export async function publishJourney(braid: Braid, name: string, graph: unknown): Promise<{ id: string; ir: JourneyIR }> {
  const created = await braid.admin('/journeys', { method: 'POST', body: { name, graph } });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await braid.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'test' } });
  expect(published.status, await published.clone().text()).toBe(201);
  const version = (await (await braid.admin(`/journeys/${id}/versions/1`)).json()) as { ir: JourneyIR };
  return { id, ir: version.ir };
}

/** The customer a website user id was identified as. */
export async function customerIdOf(db: BraidDb, userId: string): Promise<string> {
  const r = await db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
  return String(r.rows[0]?.customer_id);
}

/** The customer's enrollment in the journey, if any. */
export async function enrollmentOf(db: BraidDb, journeyId: string, customerId: string) {
  const [row] = await db.db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, customerId)));
  return row;
}
