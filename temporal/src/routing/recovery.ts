// The background half of durable routing, run by every API process: replays routing intents
// whose lease ran out, and keeps `active` enrollment rows true to Temporal. Each pass is
// idempotent, so several API processes may run it side by side.
import type { Client } from '@temporalio/client';
import type { Db } from '@braid/db';
import type { EventDispatcher } from './dispatcher';
import { reconcileAllActive, reconcileUnstarted } from './reconcile';
import type { Router } from './route-events';

export type RecoveryOptions = {
  db: Db;
  client: Client;
  router: Router;
  dispatcher: EventDispatcher;
  /** Replay of due routing intents. */
  replayEveryMs?: number;
  /** Rows that never started a workflow. */
  unstartedEveryMs?: number;
  /** Every active row against Temporal's visibility. */
  fullSweepEveryMs?: number;
  /** How old an unstarted row must be before it counts as lost. */
  graceMs?: number;
};

export type Recovery = {
  /** Resolves when the first pass (replay of every intent, full sweep) is over. */
  ready: Promise<void>;
  stop(): Promise<void>;
};

export function startRoutingRecovery(options: RecoveryOptions): Recovery {
  const { db, client, router, dispatcher } = options;
  const deps = { db, client, index: router.index };
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  const timers: ReturnType<typeof setInterval>[] = [];

  /** Passes run one at a time; a pass that fails (database or Temporal away) is logged and retried by its timer. */
  function run(name: string, pass: () => Promise<unknown>): Promise<void> {
    const next = chain.then(async () => {
      if (stopped) return;
      try {
        const report = await pass();
        const r = (report ?? {}) as Record<string, number | undefined>;
        if (['restarted', 'finished', 'errors', 'replayed', 'retrying', 'missing'].some((k) => (r[k] ?? 0) > 0)) {
          console.log(`[routing] ${name}: ${JSON.stringify(report)}`);
        }
      } catch (error) {
        console.error(`[routing] ${name} failed: ${(error as Error).message}`);
      }
    });
    chain = next;
    return next;
  }
  const every = (ms: number, name: string, pass: () => Promise<unknown>) => {
    const t = setInterval(() => void run(name, pass), ms);
    t.unref();
    timers.push(t);
  };

  const replay = () => dispatcher.replayDue();
  const unstarted = () => reconcileUnstarted(deps, { graceMs: options.graceMs });
  const sweep = () => reconcileAllActive(deps, { graceMs: options.graceMs === undefined ? undefined : options.graceMs * 4 });
  const ready = (async () => {
    await run('replay on start', () => dispatcher.replayDue({ all: true }));
    await run('enrollments on start', sweep);
  })();
  every(options.replayEveryMs ?? 5_000, 'replay', replay);
  every(options.unstartedEveryMs ?? 60_000, 'unstarted', unstarted);
  every(options.fullSweepEveryMs ?? 30 * 60_000, 'enrollments', sweep);

  return {
    ready,
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await chain;
      await dispatcher.flush();
    },
  };
}
