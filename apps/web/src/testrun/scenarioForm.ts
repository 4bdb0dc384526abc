// The test run's form, read into a simulator scenario. Every field is checked and a field that
// cannot be read is named (by its path in the form, with a code the panel words in the UI
// language): a row the simulator would quietly skip is a test that lies.
import type { Engagement, ScriptedEvent } from '@braid/journey';
import type { Json } from '@braid/sdk';

export type ValueRow = { key: string; value: string };
export type TimeUnit = 'min' | 'h' | 'd';
export type EventRow = { after: string; unit: TimeUnit; name: string; properties: ValueRow[] };
/** What the marketer says happened to a message: a fact, or that it did NOT happen. */
export type EngagementFact = 'delivered' | 'opened' | 'notOpened' | 'clicked' | 'notClicked' | 'replied' | 'notReplied';
export type EngagementRow = { nodeId: string; fact: EngagementFact };

export type TestRunForm = {
  traits: ValueRow[];
  entryProperties: ValueRow[];
  events: EventRow[];
  engagement: EngagementRow[];
  /** Segment ids the test customer is a member of. */
  segments: string[];
};

export const timeUnits: readonly TimeUnit[] = ['min', 'h', 'd'];
export const engagementFacts: readonly EngagementFact[] = ['delivered', 'opened', 'notOpened', 'clicked', 'notClicked', 'replied', 'notReplied'];

export type FormProblemCode =
  | 'keyMissing'
  | 'keyDuplicate'
  | 'tooLong'
  | 'valueUnreadable'
  | 'afterMissing'
  | 'afterNotNumber'
  | 'afterTooFar'
  | 'eventMissing'
  | 'stepMissing'
  | 'stepNotMessage'
  | 'factConflict'
  | 'tooManyRows';

/** `field` is the path in the form: `traits.0.key`, `events.1.after`, `events.1.properties.0.value`, `engagement.0.fact`. */
export type FormProblem = { field: string; code: FormProblemCode; params?: Record<string, string | number> };

export type FormScenario = {
  traits: Record<string, Json>;
  entryProperties: Record<string, Json>;
  events: ScriptedEvent[];
  engagement: Record<string, Engagement[]>;
  segments: string[];
};

export const LIMITS = { key: 200, value: 10_000, eventName: 200, rows: 200, afterDays: 400 } as const;

const UNIT_MS: Record<TimeUnit, number> = { min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A value as typed → the JSON it stands for: numbers, true/false, null, a JSON object or list
 * when it starts with { or [ (refused when it does not parse), otherwise the text itself. A
 * "quoted" value is text even when it looks like a number; a number written with a leading
 * zero stays text (0909 908 089 is a phone number, not 909908089).
 */
export function readValue(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  const t = text.trim();
  if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
  if (t === 'null') return { ok: true, value: null };
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(t)) return { ok: true, value: Number(t) };
  if (t.startsWith('{') || t.startsWith('[') || (t.length > 1 && t.startsWith('"') && t.endsWith('"'))) {
    try {
      return { ok: true, value: JSON.parse(t) as Json };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  return { ok: true, value: text };
}

/** The inverse of `readValue`, for rows filled from a real profile or the event catalogue. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    // Text that would read back as something else keeps its quotes.
    const back = readValue(value);
    return back.ok && back.value === value ? value : JSON.stringify(value);
  }
  return value === undefined ? '' : JSON.stringify(value);
}

export function rowsOf(record: Record<string, unknown> | null | undefined): ValueRow[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: showValue(value) }));
}

function readRows(rows: ValueRow[], field: string, problems: FormProblem[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  if (rows.length > LIMITS.rows) problems.push({ field, code: 'tooManyRows', params: { max: LIMITS.rows } });
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = row.key.trim();
    const at = `${field}.${i}`;
    // A row left completely empty is a row not filled in yet, not a mistake.
    if (!key && !row.value.trim()) return;
    if (!key) problems.push({ field: `${at}.key`, code: 'keyMissing' });
    else if (key.length > LIMITS.key) problems.push({ field: `${at}.key`, code: 'tooLong', params: { length: key.length, max: LIMITS.key } });
    else if (seen.has(key)) problems.push({ field: `${at}.key`, code: 'keyDuplicate', params: { key } });
    seen.add(key);
    if (row.value.length > LIMITS.value) {
      problems.push({ field: `${at}.value`, code: 'tooLong', params: { length: row.value.length, max: LIMITS.value } });
      return;
    }
    const v = readValue(row.value);
    if (!v.ok) problems.push({ field: `${at}.value`, code: 'valueUnreadable', params: { message: v.message } });
    else if (key) out[key] = v.value;
  });
  return out;
}

function readEvents(rows: EventRow[], problems: FormProblem[]): ScriptedEvent[] {
  if (rows.length > LIMITS.rows) problems.push({ field: 'events', code: 'tooManyRows', params: { max: LIMITS.rows } });
  return rows.flatMap((row, i): ScriptedEvent[] => {
    const at = `events.${i}`;
    const before = problems.length;
    const amount = row.after.trim().replace(',', '.');
    let after = 0;
    if (!amount) problems.push({ field: `${at}.after`, code: 'afterMissing' });
    else if (!/^\d+(\.\d+)?$/.test(amount)) problems.push({ field: `${at}.after`, code: 'afterNotNumber', params: { value: row.after.slice(0, 40) } });
    else {
      after = Number(amount) * (UNIT_MS[row.unit] ?? UNIT_MS.h);
      if (after > LIMITS.afterDays * UNIT_MS.d) problems.push({ field: `${at}.after`, code: 'afterTooFar', params: { max: LIMITS.afterDays } });
    }
    const name = row.name.trim();
    if (!name) problems.push({ field: `${at}.name`, code: 'eventMissing' });
    else if (name.length > LIMITS.eventName) problems.push({ field: `${at}.name`, code: 'tooLong', params: { length: name.length, max: LIMITS.eventName } });
    const properties = readRows(row.properties, `${at}.properties`, problems);
    return problems.length === before ? [{ after: Math.round(after), name, properties }] : [];
  });
}

// A fact and the facts it contradicts: a click or a reply means the message was opened.
const CONTRADICTS: Record<EngagementFact, EngagementFact[]> = {
  delivered: [],
  opened: ['notOpened'],
  notOpened: ['opened', 'clicked', 'replied'],
  clicked: ['notClicked', 'notOpened'],
  notClicked: ['clicked'],
  replied: ['notReplied', 'notOpened'],
  notReplied: ['replied'],
};

function readEngagement(rows: EngagementRow[], messageSteps: ReadonlySet<string>, problems: FormProblem[]): Record<string, Engagement[]> {
  const out: Record<string, Engagement[]> = {};
  const facts = new Map<string, EngagementFact[]>();
  rows.forEach((row, i) => {
    const at = `engagement.${i}`;
    if (!row.nodeId) return problems.push({ field: `${at}.nodeId`, code: 'stepMissing' });
    if (!messageSteps.has(row.nodeId)) return problems.push({ field: `${at}.nodeId`, code: 'stepNotMessage' });
    const earlier = facts.get(row.nodeId) ?? [];
    const clash = earlier.find((f) => CONTRADICTS[row.fact].includes(f));
    if (clash) return problems.push({ field: `${at}.fact`, code: 'factConflict', params: { other: clash } });
    facts.set(row.nodeId, [...earlier, row.fact]);
    // "Not opened" and the other negatives are the simulator's default: nothing to record.
    if (!row.fact.startsWith('not')) (out[row.nodeId] ??= []).push(row.fact as Engagement);
  });
  return out;
}

export type FormContext = {
  /** Node ids of the journey's message steps (what engagement can be said about). */
  messageSteps: ReadonlySet<string>;
};

export function readTestRunForm(form: TestRunForm, ctx: FormContext): { ok: true; scenario: FormScenario } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const traits = readRows(form.traits, 'traits', problems);
  const entryProperties = readRows(form.entryProperties, 'entryProperties', problems);
  const events = readEvents(form.events, problems);
  const engagement = readEngagement(form.engagement, ctx.messageSteps, problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, scenario: { traits, entryProperties, events, engagement, segments: [...new Set(form.segments)] } };
}
