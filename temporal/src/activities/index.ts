// createActivities({ db, channels, implementations }): the activities the journey workflow calls.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Json } from '@braid/sdk';
import { ActionConfigError, runAction, type ActionServices } from '@braid/sdk/server';
import { idempotencyKey, type ActionResult, type DateTriggerActivities, type JourneyActivities, type StepRequest } from '../workflows/contract';
import { enrollDueDateTriggers } from '../date-triggers/enroll-due';
import type { ActivityDeps, EffectContext } from './deps';
import { changeAudience, createStaffTask, issueVoucher, updateProfile } from './effects';
import { lookup } from './lookup';
import { messageKindOf, unsubscribeLinkFor } from './consent';
import { renderEmail, renderTemplate } from './render';
import { sendMessage } from './send';
import { effectContext } from './effect-context';
import { customerAndSendFacts } from './send-facts';
import { finishEnrollment, recordFailedStep, recordSteps } from './steps';
import { recordMove } from './move';

export type { ActivityDeps, EffectContext } from './deps';

export function idempotencyKeyOf(request: Pick<StepRequest, 'workflowId' | 'nodeId' | 'visit' | 'enrollment'>): string {
  return idempotencyKey(request.workflowId, request.enrollment.enrollmentId, request.nodeId, request.visit);
}

export function createActivities(deps: ActivityDeps): JourneyActivities & DateTriggerActivities {
  return {
    async enrollDueDateTriggers() {
      if (!deps.client) throw ApplicationFailure.nonRetryable('this worker has no Temporal client for date triggers', 'NoClient');
      return enrollDueDateTriggers({ db: deps.db, client: deps.client, ...(deps.now ? { now: deps.now } : {}) });
    },
    async runAction(request): Promise<ActionResult> {
      // The steps the workflow entered on the way here (recorded once whatever the retries).
      if (request.steps?.length) await recordSteps(deps, request.enrollment, request.steps);
      const kind = messageKindOf(request.config);
      // A send step reads its customer and everything the send decides on in one statement.
      const channel = configChannel(request.config);
      const read = channel ? await customerAndSendFacts(deps, request.enrollment, idempotencyKeyOf(request), channel, kind) : null;
      const ctx = await effectContext(deps, request, read?.customer);
      // Links are signed with the key current at this read: a rotation a moment ago reaches this send.
      if (read && deps.channels.links?.keys) await deps.channels.links.keys.signingKey(ctx.workspaceId, read.send.facts.trackingKeyId);
      let prefetched = read?.send ?? null;
      const missing: string[] = [];
      let postponed: { until: number; reason: string } | null = null;
      const services: ActionServices = {
        ...servicesFor(deps, ctx, missing, await unsubscribeVariable(deps, ctx, request.config, kind)),
        async sendMessage(input) {
          const outcome = await sendMessage(deps, ctx, input, missing, kind, prefetched);
          prefetched = null; // facts are good for one send: a second one reads again
          if (outcome.postponedUntil !== undefined) postponed = { until: outcome.postponedUntil, reason: outcome.reason ?? '' };
          // Not subscribed: recorded as skipped, and the journey carries on (branch on consent to do otherwise).
          if (outcome.skipped) return outcome;
          if (outcome.status === 'suppressed') throw ApplicationFailure.nonRetryable(outcome.reason ?? 'message suppressed', 'SendSuppressed');
          return outcome;
        },
      };
      try {
        const output = await runAction(deps.implementations, request.kindName, {
          config: request.config,
          workspaceId: ctx.workspaceId,
          customer: { id: ctx.customerId, traits: ctx.traits as Record<string, Json> },
          entryEvent: request.entryEvent,
          journeyId: ctx.journeyId,
          version: ctx.version,
          nodeId: request.nodeId,
          visit: request.visit,
          idempotencyKey: idempotencyKeyOf(request),
          variables: request.variables,
          now: new Date((deps.now ?? Date.now)()).toISOString(),
          services,
        });
        const held = postponed as { until: number; reason: string } | null;
        if (held) return { ok: true, output: { postponedUntil: held.until, reason: held.reason } };
        return output === null ? { ok: true } : { ok: true, output };
      } catch (err) {
        // Bad settings never get better with retries: take the node's failure path at once.
        const failure = err instanceof ActionConfigError ? ApplicationFailure.nonRetryable(err.message, 'ActionConfigError') : err;
        // The last try (or a refusal that no retry fixes) is the node's failure: counted and traced.
        if (isFinalAttempt(failure)) await recordFailedStep(deps, ctx, idempotencyKeyOf(request), failureMessage(failure));
        throw failure;
      }
    },
    async lookup(request) {
      if (request.steps?.length) await recordSteps(deps, request.enrollment, request.steps);
      const ctx = await effectContext(deps, request);
      return lookup(deps, ctx, request.config, request.entryEvent);
    },
    async recordSteps({ enrollment, entries }) {
      await recordSteps(deps, enrollment, entries);
    },
    async finishEnrollment({ enrollment, outcome }) {
      await finishEnrollment(deps, enrollment, outcome);
    },
    async recordMove(move) {
      await recordMove(deps, move);
    },
  };
}

/** Must match the workflow's retry policy (maximumAttempts) for actions. */
export const ACTION_MAX_ATTEMPTS = 5;

function isFinalAttempt(error: unknown): boolean {
  if (error instanceof ApplicationFailure && error.nonRetryable) return true;
  let attempt = 1;
  try {
    attempt = Context.current().info.attempt;
  } catch {
    // Called outside an activity (tests): a single try.
    return true;
  }
  return attempt >= ACTION_MAX_ATTEMPTS;
}

function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `{{ unsubscribe_url }}`: the signed link for the step's channel and group ('' when tracking links are off). */
function configChannel(config: Json): string | null {
  return config && typeof config === 'object' && !Array.isArray(config) && typeof config.channel === 'string' ? config.channel : null;
}

async function unsubscribeVariable(deps: ActivityDeps, ctx: EffectContext, config: Json, kind: ReturnType<typeof messageKindOf>): Promise<string> {
  const channel = configChannel(config);
  return channel ? unsubscribeLinkFor(deps, ctx, channel, kind) : '';
}

function servicesFor(deps: ActivityDeps, ctx: EffectContext, missing: string[], unsubscribeUrl = ''): ActionServices {
  const timezone = typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : null;
  return {
    // The runtime owns unsubscribe_url: a template cannot be handed someone else's link.
    renderTemplate: (template, variables) => renderTemplate(template, { ...variables, unsubscribe_url: unsubscribeUrl }, missing, timezone),
    renderEmail: (mjml, text, variables) => renderEmail(mjml, text, { ...variables, unsubscribe_url: unsubscribeUrl }, missing, timezone),
    sendMessage: (input) => sendMessage(deps, ctx, input, missing),
    updateProfile: (input) => updateProfile(deps, ctx, input),
    changeAudience: (input) => changeAudience(deps, ctx, input),
    issueVoucher: (input) => issueVoucher(deps, ctx, input),
    createStaffTask: (input) => createStaffTask(deps, ctx, input),
    log: (message, details) => console.info(`[journey ${ctx.journeyId} node ${ctx.nodeId}] ${message}`, details ?? ''),
  };
}

