// Bench step: migrating every customer waiting in a journey to a new version, beside the raw
// rate of signalling the same workflows in the same run (measured after the migration, so the
// workflow tasks of one do not slow the other). The raw figure is a no-op signal per workflow
// (the resume control: nothing moves); the migration is the whole path — publish with a plan, the driver paging enrollments and signalling each, every
// customer's workflow recording its move and continuing as new on the new program.
import type { Client } from '@temporalio/client';
import type { BraidDb } from '@braid/db';
import { journeyControlSignal } from '../src/workflows/contract';

type Deps = {
  db: BraidDb;
  client: Client;
  /** Admin API call: GET without a body, else the method given. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<unknown>;
  log(line: string): void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function count(db: BraidDb, sql: string, args: (string | number)[]): Promise<number> {
  return Number((await db.client.execute({ sql, args })).rows[0]!.n);
}

export async function measureMigration(deps: Deps, journeyId: string, waitingStep: string, nextGraph: unknown): Promise<void> {
  const { db, client, log } = deps;
  const ids = (await db.client.execute({ sql: "SELECT workflow_id FROM enrollments WHERE journey_id = ? AND status = 'active' AND version = 1", args: [journeyId] })).rows.map((r) => String(r.workflow_id));
  const n = ids.length;

  // The migration: v2 keeps the wait (longer), every waiting customer mapped onto it.
  const journey = (await deps.admin(`/journeys/${journeyId}`)) as { draftRevision: number };
  await deps.admin(`/journeys/${journeyId}/draft`, { method: 'PUT', body: { revision: journey.draftRevision, graph: nextGraph } });
  let t0 = performance.now();
  const published = (await deps.admin(`/journeys/${journeyId}/publish`, {
    method: 'POST',
    body: { note: 'bench migration', migration: { versions: [{ version: 1, action: 'move', steps: { [waitingStep]: waitingStep } }] } },
  })) as { version: number };
  let moved = 0;
  // Bounded: at most ten minutes of polling.
  for (let i = 0; i < 2_400 && moved < n; i++) {
    await sleep(250);
    moved = await count(db, "SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND status = 'active' AND version = ?", [journeyId, published.version]);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = moved / seconds;
  // Ceiling, measured after the migration so its workflow tasks do not compete with it: one
  // no-op signal to each of the same workflows (now on the new version).
  await sleep(3_000);
  let next = 0;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < ids.length) await client.workflow.getHandle(ids[next++]!).signal(journeyControlSignal, { paused: false });
    }),
  );
  const rawRate = n / ((performance.now() - t0) / 1000);
  log(`raw signal to ${n} waiting workflows: ${rawRate.toFixed(0)} /s`);

  log(
    `migrating ${n} waiting customers to v${published.version}: ${rate.toFixed(0)} customers/s (${moved}/${n} moved in ${seconds.toFixed(1)} s) — ${(rate / rawRate).toFixed(2)} of the raw signal rate ${rawRate.toFixed(0)} /s`,
  );
}
