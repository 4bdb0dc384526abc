// Publish only what will work: each message step's texts are parsed by the same Liquid engine that
// sends them (@braid/channels checkTemplate), held to its channel's length, and every
// `entry.properties.<key>` a step reads (in a message or a "same value as the entry event"
// filter) is checked against the event catalogue.
//
// Errors vs. warnings: a Liquid syntax error, an over-long text and an entry property that the
// trigger's event has been seen with but never carried are errors (the message would fail, be
// cut, or render a hole for every customer). An event never seen yet, or a trait
// (`customer.<key>`) no profile has yet, are not: a journey is often built before the first event
// arrives, and traits also come from imports, people's edits and journey steps.
import { sql, type Db, type SeenKey } from '@braid/db';
import { checkTemplate } from '@braid/channels';
import { liquidProblemOf, liquidProblemText } from '@braid/journey';
import type { LocalText } from '@braid/sdk';
import { current } from '../catalogue/read';
import { znsIssues } from '../channels/zns-step-checks';
import type { PublishIssue } from './deps';

/** Longest text a field of a step accepts (a whole email fits; a paste of a book does not). */
export const MAX_FIELD_CHARS = 50_000;

/** The most a channel delivers of a message's text (outside Liquid): longer is cut or refused by the provider. */
export const CHANNEL_TEXT_LIMITS: Record<string, { body: number; subject?: number }> = {
  // 10 concatenated parts of 160 GSM-7 characters (Vietnamese marks halve that; see the SMS cost panel).
  sms: { body: 1_530 },
  messenger: { body: 2_000 },
  zalo: { body: 2_000 },
  push: { body: 1_000, subject: 100 },
  email: { body: MAX_FIELD_CHARS, subject: 250 },
};

export type MessageIssue = PublishIssue & { text: LocalText; code: string };

interface NodeLike {
  id: string;
  type: string;
  label?: string;
  config: Record<string, unknown>;
}

function nodesOf(graph: unknown): NodeLike[] {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.filter(
    (n): n is NodeLike => !!n && typeof n === 'object' && typeof (n as NodeLike).id === 'string' && typeof (n as NodeLike).type === 'string' && !!(n as NodeLike).config && typeof (n as NodeLike).config === 'object',
  );
}

function stepName(n: NodeLike): string {
  return n.label?.trim() || n.id;
}

/** The text a customer receives whatever the data: the template with its Liquid tags removed. */
function literalLength(template: string): number {
  return template.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, '').length;
}

const ENTRY_PROPERTY = /entry\.properties\.([A-Za-z_][\w]*)/g;

function entryPropertiesRead(config: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  for (const m of JSON.stringify(config).matchAll(ENTRY_PROPERTY)) found.add(m[1]!);
  return found;
}

/** Issues of the message texts alone (no database): syntax, size, channel length. */
export function messageTextIssues(graph: unknown): MessageIssue[] {
  const issues: MessageIssue[] = [];
  for (const n of nodesOf(graph)) {
    const step = stepName(n);
    for (const [field, value] of Object.entries(n.config)) {
      if (typeof value === 'string' && value.length > MAX_FIELD_CHARS) {
        const text = {
          vi: `"${step}": ô ${field} dài ${value.length.toLocaleString('vi-VN')} ký tự, tối đa ${MAX_FIELD_CHARS.toLocaleString('vi-VN')}. Hãy rút gọn (có thể bạn đã dán nhầm nội dung).`,
          en: `"${step}": ${field} has ${value.length.toLocaleString('en-US')} characters, at most ${MAX_FIELD_CHARS.toLocaleString('en-US')}. Shorten it (was something pasted by mistake?)`,
        };
        issues.push({ nodeId: n.id, path: field, message: text.en, text, code: 'field-too-long' });
      }
    }
    if (n.type !== 'send-message') continue;
    const channel = typeof n.config.channel === 'string' ? n.config.channel : '';
    const subject = typeof n.config.subject === 'string' && n.config.subject.length <= MAX_FIELD_CHARS ? n.config.subject : undefined;
    const body = typeof n.config.body === 'string' && n.config.body.length <= MAX_FIELD_CHARS ? n.config.body : undefined;
    for (const e of checkTemplate({ ...(subject !== undefined ? { subject } : {}), body: body ?? '' })) {
      // liquidjs says what is wrong in English; the core words it in both languages.
      const detail = liquidProblemText(liquidProblemOf(e.message.replace(/^\w+: /, '')));
      const text = {
        vi: `"${step}": ${e.field === 'subject' ? 'tiêu đề' : 'nội dung'} viết sai cú pháp Liquid, tin nhắn sẽ không gửi được (${detail.vi})`,
        en: `"${step}": the ${e.field} is not valid Liquid, so the message cannot be sent (${detail.en})`,
      };
      issues.push({ nodeId: n.id, path: e.field, message: text.en, text, code: e.code === 'TEMPLATE_LIMIT' ? 'template-limit' : 'template-syntax' });
    }
    const limits = CHANNEL_TEXT_LIMITS[channel];
    if (!limits) continue;
    for (const [field, source, max] of [
      ['body', body, limits.body],
      ['subject', subject, limits.subject],
    ] as const) {
      if (source === undefined || max === undefined) continue;
      const length = literalLength(source);
      if (length <= max) continue;
      const text = {
        vi: `"${step}": ${field === 'subject' ? 'tiêu đề' : 'nội dung'} dài ${length} ký tự, kênh ${channel} nhận tối đa ${max}`,
        en: `"${step}": the ${field} has ${length} characters; ${channel} takes at most ${max}`,
      };
      issues.push({ nodeId: n.id, path: field, message: text.en, text, code: 'message-too-long' });
    }
  }
  return issues;
}

/** Entry properties read by steps that the trigger's event, though seen, has never carried. */
export function entryPropertyIssues(graph: unknown, seen: { event: string; properties: Record<string, SeenKey> } | null): MessageIssue[] {
  if (!seen) return [];
  const issues: MessageIssue[] = [];
  for (const n of nodesOf(graph)) {
    for (const key of entryPropertiesRead(n.config)) {
      if (key in seen.properties) continue;
      const known = Object.keys(seen.properties).sort().slice(0, 8).join(', ') || '—';
      const text = {
        vi: `"${stepName(n)}" dùng entry.properties.${key}, nhưng sự kiện "${seen.event}" chưa bao giờ có thuộc tính ${key} (đã thấy: ${known}). Hãy chọn thuộc tính từ danh sách, hoặc gửi thử một sự kiện có ${key} trước khi xuất bản.`,
        en: `"${stepName(n)}" reads entry.properties.${key}, but "${seen.event}" has never carried ${key} (seen: ${known}). Pick a property from the list, or send a test event with ${key} before publishing.`,
      };
      issues.push({ nodeId: n.id, path: 'config', message: text.en, text, code: 'unknown-entry-property' });
    }
  }
  return issues;
}

function triggerEvent(graph: unknown): string | null {
  const trigger = nodesOf(graph).find((n) => n.type === 'trigger-event');
  const event = trigger?.config.event;
  return typeof event === 'string' && event.trim() ? event.trim() : null;
}

/** Every message problem of a graph, checked against the workspace's event catalogue. */
export async function messageIssues(db: Db, workspaceId: string, graph: unknown): Promise<MessageIssue[]> {
  const issues = [...messageTextIssues(graph), ...(await znsIssues(db, workspaceId, graph))];
  const event = triggerEvent(graph);
  if (event) {
    await current(db, workspaceId);
    const rows = await db.all<{ properties: string }>(sql`SELECT properties FROM event_catalogue WHERE workspace_id = ${workspaceId} AND event = ${event}`);
    const row = rows[0];
    issues.push(...entryPropertyIssues(graph, row ? { event, properties: JSON.parse(row.properties) as Record<string, SeenKey> } : null));
  }
  return issues;
}
