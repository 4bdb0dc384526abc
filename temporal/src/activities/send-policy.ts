// Sending policy at send time, beside consent: what a channel's rules make of this send before any
// row is written — Messenger's 24-hour window and tags, Zalo's ZNS templates and OA window,
// Decree 91 marks for advertising SMS — and when it may go (quiet hours, caps, quotas).
import {
  checkZnsParams,
  findZnsTemplate,
  lastInboundAt,
  ledgerCounts,
  loadSendRules,
  messengerRoute,
  nextLocalMidnight,
  planSend,
  PolicyConfigError,
  sendRulesFromRows,
  withAdvertisingPrefix,
  zaloConsultationAllowed,
  znsSentSince,
  type Admission,
  type SendMarks,
  type SendPlan,
} from '@braid/channels';
import { and, channelAccounts, eq, stepLog } from '@braid/db';
import type { SendMessageInput } from '@braid/sdk/server';
import type { MessageKind } from './consent';
import type { ActivityDeps, EffectContext } from './deps';
import type { Recipient } from './recipient';
import type { SettingsRow } from './send-facts';

/** Zalo counts its OA quota per day in Vietnam. */
export const ZALO_QUOTA_ZONE = 'Asia/Ho_Chi_Minh';

export type Shaped =
  | { go: true; body: string; payload: Record<string, unknown>; marks: SendMarks; number: string | null; note: string | null }
  /** A rule says this send must not go: skipped with the reason (the journey carries on). */
  | { go: false; skip: true; reason: string }
  /** The step's settings can never work (unknown template, a parameter too long): the node's failure path. */
  | { go: false; skip: false; reason: string };

const option = (request: SendMessageInput, name: string): unknown => request.options?.[name];
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Applies the channel's own rules to one send: marks, body and payload as the adapter gets them. */
export async function shapeSend(deps: ActivityDeps, ctx: EffectContext, request: SendMessageInput, kind: MessageKind, recipient: Recipient | null, now: number): Promise<Shaped> {
  const base = payloadOf(request.options?.payload);
  const marks: SendMarks = { marketing: !kind.transactional, advertising: false, zns: false };
  const to = recipient?.to ?? null;
  if (request.channel === 'sms') {
    // Decree 91/2020 governs advertising SMS; customer-care SMS go as the carrier's registered templates.
    const advertising = !kind.transactional && option(request, 'smsPurpose') !== 'customer_care';
    if (!advertising) return { go: true, body: request.body, payload: base, marks, number: null, note: null };
    return { go: true, body: withAdvertisingPrefix(request.body), payload: { ...base, advertising: true }, marks: { ...marks, advertising: true }, number: to, note: 'advertising SMS (Decree 91/2020)' };
  }
  if (request.channel === 'messenger' && to) {
    const route = messengerRoute(await lastInboundAt(deps.db, { workspaceId: ctx.workspaceId, channel: 'messenger', address: to }), now, text(option(request, 'messengerTag')));
    if (!route.send) return { go: false, skip: true, reason: route.reason };
    const payload = route.messagingType === 'MESSAGE_TAG' ? { ...base, tag: route.tag } : { ...base, messagingType: 'RESPONSE' };
    return { go: true, body: request.body, payload, marks, number: null, note: route.detail };
  }
  if (request.channel === 'zalo') {
    const templateId = text(option(request, 'znsTemplateId'));
    if (templateId) return shapeZns(deps, ctx, request, templateId, base, marks, recipient);
    // Without a template: an OA consultation message, only inside the 48-hour window.
    if (to && recipient?.to !== recipient?.phone && (await oaOnly(deps, ctx))) {
      const allowed = zaloConsultationAllowed(await lastInboundAt(deps.db, { workspaceId: ctx.workspaceId, channel: 'zalo', address: to }), now);
      if (!allowed.send) return { go: false, skip: true, reason: allowed.reason };
      return { go: true, body: request.body, payload: base, marks, number: null, note: allowed.detail };
    }
  }
  return { go: true, body: request.body, payload: base, marks, number: null, note: null };
}

async function shapeZns(deps: ActivityDeps, ctx: EffectContext, request: SendMessageInput, templateId: string, base: Record<string, unknown>, marks: SendMarks, recipient: Recipient | null): Promise<Shaped> {
  const template = await findZnsTemplate(deps.db, ctx.workspaceId, templateId);
  if (!template) return { go: false, skip: false, reason: `ZNS_TEMPLATE_UNKNOWN: ZNS template ${templateId} is not registered in this workspace's settings` };
  if (template.status !== 'approved') return { go: false, skip: false, reason: `ZNS_TEMPLATE_NOT_APPROVED: ZNS template ${templateId} is ${template.status}, Zalo sends approved templates only` };
  const raw = option(request, 'znsParams');
  const data: Record<string, string> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) for (const [k, v] of Object.entries(raw)) data[k] = typeof v === 'string' ? v : String(v ?? '');
  const problems = checkZnsParams(template.params, data);
  if (problems.length > 0) return { go: false, skip: false, reason: `ZNS_PARAMS_INVALID: ${problems.map((p) => p.message).join('; ')}` };
  if (!recipient?.phone) return { go: false, skip: false, reason: 'NO_ADDRESS: ZNS goes to a phone number and the customer has none' };
  return {
    go: true,
    body: request.body,
    payload: { ...base, templateId, templateData: data, phone: recipient.phone },
    marks: { ...marks, zns: true },
    number: null,
    note: `ZNS template ${templateId} (${template.purpose})`,
  };
}

/** The workspace's Zalo account sends OA messages (not a ZNS-only account): the 48-hour window applies. */
async function oaOnly(deps: ActivityDeps, ctx: EffectContext): Promise<boolean> {
  const name = deps.channels.adapterFor('zalo').name;
  if (name === 'zalo-zns' || name === 'zalo') return false;
  const [account] = await deps.db
    .select({ config: channelAccounts.config })
    .from(channelAccounts)
    .where(and(eq(channelAccounts.workspaceId, ctx.workspaceId), eq(channelAccounts.kind, 'zalo')))
    .limit(1);
  return account ? account.config.mode !== 'zns' : name === 'zalo-oa';
}

function payloadOf(payload: unknown): Record<string, unknown> {
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...(payload as Record<string, unknown>) } : payload === undefined || payload === null ? {} : { value: payload };
}

/** The workspace's Zalo ZNS daily quota from its account settings; null when none is set. */
async function znsDailyQuota(deps: ActivityDeps, workspaceId: string): Promise<number | null> {
  const [account] = await deps.db
    .select({ config: channelAccounts.config })
    .from(channelAccounts)
    .where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.kind, 'zalo')))
    .limit(1);
  const quota = account?.config.dailyQuota;
  return typeof quota === 'number' && Number.isInteger(quota) && quota > 0 ? quota : null;
}

export type Planned = { plan: SendPlan; admission: Admission };

/** When this send may go, and the caps its row must still fit when it is written. */
export async function planFor(
  deps: ActivityDeps,
  ctx: EffectContext,
  channel: string,
  kind: MessageKind,
  shaped: Extract<Shaped, { go: true }>,
  now: number,
  /** Settings rows the caller already read (sendFacts), and whether caps may be left to admitSend. */
  known?: { settings: readonly SettingsRow[]; workspaceTimezone: string | null; capsAtAdmission?: boolean },
): Promise<Planned> {
  let rules;
  try {
    rules = known ? sendRulesFromRows(known.settings, channel, known.workspaceTimezone) : await loadSendRules(deps.db, ctx.workspaceId, channel);
  } catch (error) {
    // Broken settings must not block every send forever (the law still applies): send, and say why.
    if (!(error instanceof PolicyConfigError)) throw error;
    rules = { quietHours: null, channelCaps: [], workspaceCaps: [], timezone: null, broken: error.message };
  }
  const capped = !kind.transactional;
  const channelCaps = capped ? rules.channelCaps : [];
  const workspaceCaps = capped ? rules.workspaceCaps : [];
  const lookbackMs = Math.max(0, ...channelCaps.map((c) => c.periodMs), ...workspaceCaps.map((c) => c.periodMs));
  // The caps are checked again, atomically, when the row is admitted. So when the clock rules
  // (quiet hours, Decree 91 hours) let the send go now, the ledger need not be read first: a full
  // cap makes admitSend refuse, and the caller plans again with the counts to say until when.
  if (known?.capsAtAdmission && (lookbackMs > 0 || shaped.marks.advertising) && !shaped.marks.zns) {
    const clockOnly = planSend({
      now,
      channel,
      transactional: kind.transactional,
      timeZone: (typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : null) ?? rules.timezone,
      quietHours: rules.quietHours,
      channelCaps,
      channelSendTimes: [],
      workspaceCaps,
      workspaceSendTimes: [],
      advertisingSms: shaped.marks.advertising ? { sendTimesToNumber: [] } : null,
      dailyQuota: null,
    });
    if (clockOnly.allowedAt <= now) {
      if ('broken' in rules) clockOnly.detail = `channel settings ignored: ${rules.broken}; ${clockOnly.detail}`;
      return { plan: clockOnly, admission: { channelCaps, workspaceCaps, advertisingNumber: shaped.marks.advertising ? shaped.number : null, dailyQuota: null } };
    }
  }
  const counts = lookbackMs > 0 || shaped.marks.advertising ? await ledgerCounts(deps.db, { workspaceId: ctx.workspaceId, customerId: ctx.customerId, channel, number: shaped.marks.advertising ? shaped.number : null, now, lookbackMs }) : { channelTimes: [], workspaceTimes: [], numberTimes: [] };
  const quota = shaped.marks.zns ? await znsDailyQuota(deps, ctx.workspaceId) : null;
  const dayStart = nextLocalMidnight(now, ZALO_QUOTA_ZONE) - 86_400_000;
  const usedToday = quota ? await znsSentSince(deps.db, ctx.workspaceId, dayStart) : 0;
  const profileZone = typeof ctx.traits.timezone === 'string' ? ctx.traits.timezone : null;
  const plan = planSend({
    now,
    channel,
    transactional: kind.transactional,
    timeZone: profileZone ?? rules.timezone,
    quietHours: rules.quietHours,
    channelCaps,
    channelSendTimes: counts.channelTimes,
    workspaceCaps,
    workspaceSendTimes: counts.workspaceTimes,
    advertisingSms: shaped.marks.advertising ? { sendTimesToNumber: counts.numberTimes } : null,
    dailyQuota: quota ? { quota, usedToday, timeZone: ZALO_QUOTA_ZONE, label: 'Zalo ZNS' } : null,
  });
  if ('broken' in rules) plan.detail = `channel settings ignored: ${rules.broken}; ${plan.detail}`;
  return {
    plan,
    admission: {
      channelCaps,
      workspaceCaps,
      advertisingNumber: shaped.marks.advertising ? shaped.number : null,
      dailyQuota: quota ? { quota, since: dayStart } : null,
    },
  };
}

/** A step-log row for a policy outcome (postponed, skipped); one per reason and time, whatever the retries. */
export async function logPolicyStep(deps: ActivityDeps, ctx: EffectContext, key: string, outcome: 'postponed' | 'skipped', reason: string, now: number, until?: number): Promise<void> {
  await deps.db
    .insert(stepLog)
    .values({
      id: outcome === 'postponed' ? `${key}:postponed:${until}` : `${key}:skipped`,
      workspaceId: ctx.workspaceId,
      enrollmentId: ctx.enrollmentId,
      journeyId: ctx.journeyId,
      version: ctx.version,
      customerId: ctx.customerId,
      nodeId: ctx.nodeId,
      outcome,
      reason: reason.slice(0, 1_000),
      at: now,
    })
    .onConflictDoNothing();
}
