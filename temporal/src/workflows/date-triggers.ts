// Started by the date-trigger schedule: one activity does the looking and enrolling.
import { proxyActivities } from '@temporalio/workflow';
import type { DateTriggerActivities } from './contract';

const { enrollDueDateTriggers } = proxyActivities<DateTriggerActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function dateTriggersWorkflow(): Promise<{ journeys: number; checked: number; enrolled: number; skipped: number }> {
  return enrollDueDateTriggers();
}
