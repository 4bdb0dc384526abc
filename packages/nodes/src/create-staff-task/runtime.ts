import { durationToMs } from '@braid/sdk';
import { implementNodeType } from '@braid/sdk/server';
import { templateVariables } from '../send-message/runtime';
import { createStaffTask } from './definition';

export const createStaffTaskRuntime = implementNodeType(createStaffTask, async (ctx) => {
  const vars = templateVariables(ctx);
  const c = ctx.config;
  const { taskId } = await ctx.services.createStaffTask({
    kind: c.kind,
    title: await ctx.services.renderTemplate(c.title, vars),
    note: c.note ? await ctx.services.renderTemplate(c.note, vars) : '',
    ...(c.assignee ? { assignee: c.assignee } : {}),
    dueAt: new Date(Date.parse(ctx.now) + durationToMs(c.dueIn)).toISOString(),
    idempotencyKey: ctx.idempotencyKey,
  });
  return { taskId };
});
