// The Temporal schedule that looks for due date triggers every few minutes.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { DATE_TRIGGERS_WORKFLOW, DEFAULT_TASK_QUEUE } from '../workflows/contract';

export const DATE_TRIGGER_SCHEDULE_ID = 'braid-date-triggers';

/** Creates the schedule if it does not exist yet (every worker calls this at start). */
export async function ensureDateTriggerSchedule(client: Client, options: { everyMinutes?: number } = {}): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: DATE_TRIGGER_SCHEDULE_ID,
      spec: { intervals: [{ every: `${options.everyMinutes ?? 5} minutes` }] },
      action: { type: 'startWorkflow', workflowType: DATE_TRIGGERS_WORKFLOW, taskQueue: DEFAULT_TASK_QUEUE, args: [] },
      // A slow run is never doubled up; a missed one is simply caught up by the next.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
