// What the task inbox reads and sends.
import { enrollmentStatuses, staffTaskOutcomes } from '@braid/db';
import { z } from '@hono/zod-openapi';

export const Outcome = z.enum(staffTaskOutcomes).openapi({ description: 'reached, noAnswer, booked (e.g. a showroom visit), notInterested' });

export const StaffTask = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: 'call, showroomInvite or followUp' }),
    title: z.string(),
    note: z.string(),
    assignee: z.string().nullable(),
    status: z.enum(['open', 'done', 'cancelled']),
    dueAt: z.number().int().nullable(),
    createdAt: z.number().int(),
    customer: z.object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      traits: z.record(z.string(), z.unknown()),
    }),
    why: z
      .object({
        journeyId: z.string(),
        journeyName: z.string().nullable(),
        version: z.number().int().nullable(),
        nodeId: z.string().nullable(),
        stepName: z.string().nullable(),
        journeyStatus: z.enum(enrollmentStatuses).nullable().openapi({ description: 'Where the customer is in that journey now: `converted` or `exited` means the task may no longer be needed' }),
      })
      .nullable(),
    claimedBy: z.object({ id: z.string(), label: z.string() }).nullable(),
    claimedAt: z.number().int().nullable(),
    outcome: Outcome.nullable(),
    outcomeNote: z.string().nullable(),
    completedBy: z.object({ id: z.string(), label: z.string() }).nullable(),
    completedAt: z.number().int().nullable(),
  })
  .openapi('StaffTask');
export type StaffTaskDto = z.infer<typeof StaffTask>;

export const TaskFilter = z.enum(['open', 'mine', 'done', 'all']).default('open').openapi({
  description: 'open: not done yet (claimed or not); mine: open and claimed by me or assigned to my email; done: completed',
});

export const CompleteBody = z.object({ outcome: Outcome, note: z.string().trim().max(2000).default('') });
