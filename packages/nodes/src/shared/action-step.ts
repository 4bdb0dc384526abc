import type { ActionStep, CompileContext, Json } from '@braid/sdk';

export type FailurePolicy = 'continue' | 'exit';

/** Configs become IR data: a JSON round trip drops `undefined` and keeps the IR closed. */
export function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

export function actionStep(
  ctx: CompileContext,
  kind: string,
  config: unknown,
  extra: { channel?: string; onFailure?: FailurePolicy; outputVariable?: string } = {},
): ActionStep {
  return {
    type: 'action',
    id: ctx.nodeId,
    kind,
    ...(extra.channel ? { channel: extra.channel } : {}),
    config: toJson(config),
    next: ctx.next('out'),
    onFailure: { kind: extra.onFailure ?? 'continue' },
    ...(extra.outputVariable ? { outputVariable: extra.outputVariable } : {}),
  };
}

export const onFailureHint = {
  label: 'If it fails after retries',
  widget: 'select',
  options: [
    { value: 'continue', label: 'Carry on with the next step' },
    { value: 'exit', label: 'Take the customer out of the journey' },
  ],
} as const;
