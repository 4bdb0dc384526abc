// How the API and the worker talk to the launcher (scripts/braid.ts), which spawns them with an
// IPC channel: they report "ready" over it, and its closing means the launcher is gone (even
// SIGKILLed), so they stop instead of running on as orphans. Without a launcher both are no-ops.
import { hostname } from 'node:os';
import type { Client } from '@temporalio/client';

export type LauncherMessage = { braid: 'ready' };

export function reportReady(): void {
  const message: LauncherMessage = { braid: 'ready' };
  // A launcher that vanished meanwhile is handled by followLauncher.
  process.send?.(message, undefined, undefined, () => undefined);
}

/** When the launcher's channel closes, stop as on SIGTERM (the process's own handler runs). */
export function followLauncher(): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    // Should the SIGTERM handler hang, do not linger without a launcher.
    setTimeout(() => process.exit(1), 5_000).unref();
  });
}

/**
 * Resolves once Temporal lists this process among the task queue's workflow pollers: the worker
 * is polling, not just created. Matches the SDK's default identity, `<pid>@<hostname>`.
 */
export async function waitUntilPolling(client: Client, taskQueue: string, timeoutMs = 30_000): Promise<void> {
  const identity = `${process.pid}@${hostname()}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const queue = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    if ((queue.pollers ?? []).some((poller) => poller.identity === identity)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`worker not polling ${taskQueue} after ${timeoutMs} ms`);
}
