import type { ActionStep, CompileContext, Json } from '@braid/sdk';

export type FailurePolicy = 'continue' | 'exit';

/** Configs become IR data: a deep copy that drops `undefined` (as JSON would) and keeps the IR closed. */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJson(v)));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = toJson(v);
    return out;
  }
  return null;
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
  label: { vi: 'Nếu vẫn lỗi sau khi thử lại', en: 'If it fails after retries' },
  widget: 'select',
  options: [
    { value: 'continue', label: { vi: 'Tiếp tục bước sau', en: 'Carry on with the next step' } },
    { value: 'exit', label: { vi: 'Đưa khách ra khỏi hành trình', en: 'Take the customer out of the journey' } },
  ],
} as const;
