// What happened to a customer at a step, said in the UI language. The engine logs reasons in
// English for operators ("timed out waiting for Order Completed"); the editor re-words the ones
// it knows and hides the rest, which name engine step kinds rather than anything a marketer set.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { channelLabels, channels } from '@braid/sdk';
import type { Channel } from '@braid/sdk';
import { decisionWhy } from './decisionWhy';
import { localText } from './localText';
import '../versions/migrationTexts';

const t = (): TFunction => i18next.t.bind(i18next) as TFunction;

const outcomes = ['entered', 'left', 'converted', 'exited', 'moved', 'action', 'lookup', 'error'] as const;
const statuses = ['queued', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'failed', 'postponed', 'pending'] as const;

export function outcomeText(outcome: string): string {
  return (outcomes as readonly string[]).includes(outcome) ? t()(`editorText.outcome.${outcome}`) : outcome;
}

export function messageStatusText(status: string): string {
  return (statuses as readonly string[]).includes(status) ? t()(`editorText.messageStatus.${status}`) : status;
}

export function channelText(channel: string): string {
  return (channels as readonly string[]).includes(channel) ? localText(channelLabels[channel as Channel]) : channel;
}

/**
 * The reason beside a step in a trace or a test run, or null when there is nothing a marketer
 * set behind it. Exit reasons are the marketer's own words and shown as written.
 */
export function reasonText(outcome: string, reason: string | null | undefined, portLabel: (port: string) => string = (p) => p): string | null {
  if (!reason) return null;
  if (outcome === 'exited') {
    const criteria = /^exit criteria: (.+)$/.exec(reason);
    return criteria ? t()('editorText.reason.exitCriteria', { event: criteria[1] }) : reason;
  }
  let m: RegExpExecArray | null;
  // A migration plan's move: the line at the step left in the old version, and the entry into the new one.
  if (outcome === 'moved' && (m = /^to version (\d+)/.exec(reason))) return t()('editorText.reason.movedTo', { version: m[1] });
  if (outcome === 'entered' && (m = /^moved from version (\d+)/.exec(reason))) return t()('editorText.reason.movedFrom', { version: m[1] });
  if (outcome !== 'left') return null;
  if ((m = /^timed out waiting for (.+)$/.exec(reason))) return t()('editorText.reason.timedOut', { event: m[1] });
  if ((m = /^happened: (.+)$/.exec(reason))) return t()('editorText.reason.happened', { event: m[1] });
  if (reason === 'wait over') return t()('editorText.reason.waitOver');
  if (reason === 'done') return t()('editorText.reason.done');
  if ((m = /^failed: (.+)$/.exec(reason))) return t()('editorText.reason.failed', { error: m[1] });
  if ((m = /^already inside (\S+)–(\S+)$/.exec(reason))) return t()('editorText.reason.insideWindow', { from: m[1], to: m[2] });
  if ((m = /(?:→ |^random split: )([^\s(]+)/.exec(reason))) {
    const branch = t()('editorText.reason.branch', { port: portLabel(m[1] ?? '') });
    const why = decisionWhy(reason);
    return why ? `${branch}: ${why}` : branch;
  }
  return null;
}

/** Time since entry on the virtual clock, in the unit a marketer would say it. */
export function elapsedText(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 120) return t()('editorText.elapsed.minutes', { n: min });
  const h = Math.round(ms / 3_600_000);
  return h < 48 ? t()('editorText.elapsed.hours', { n: h }) : t()('editorText.elapsed.days', { n: Math.round(ms / 86_400_000) });
}
