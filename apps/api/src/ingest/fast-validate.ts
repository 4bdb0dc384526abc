// The common case without zod: an event whose every known field already has the right shape is
// accepted here with exactly the output the zod schema (schema.ts) would give. Anything else
// (a wrong type, an empty id, a NUL, a bad date, an explicit undefined) returns null and goes
// through zod, which names the field at fault. So this must only ever accept what zod accepts.
import type { ParsedEvent, SegmentType } from './schema';
import { saneTimestampMs } from './timestamps';

type Raw = Record<string, unknown>;

const MAX_ID = 500;
const BAD = Symbol('bad');
type Bad = typeof BAD;

function isRecord(v: unknown): v is Raw {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function text(v: unknown, max: number, min: number): string | Bad {
  if (typeof v !== 'string' || v.length > max || v.length < min || v.includes('\u0000')) return BAD;
  return v;
}

/** A field that is absent, or present with undefined (zod's output differs there: let it decide). */
function absent(raw: Raw, key: string, v: unknown): boolean | Bad {
  if (v !== undefined) return false;
  return key in raw ? BAD : true;
}

/** id: non-empty text up to 500 without NUL, or a finite number (stored as a string). */
function id(v: unknown): string | Bad {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : BAD;
  return text(v, MAX_ID, 1);
}

function optionalId(raw: Raw, key: string): string | null | undefined | Bad {
  const v = raw[key];
  const a = absent(raw, key, v);
  if (a === BAD) return BAD;
  if (a) return undefined;
  if (v === null) return null;
  return id(v);
}


const timestampKeys = ['timestamp', 'originalTimestamp', 'sentAt'] as const;
/** Objects on every type that carries them (the store keeps all four whatever the type). */
const recordKeys = ['context', 'integrations', 'properties', 'traits'] as const;

/** The parsed event (a shallow copy of `raw` with ids as strings and `type` set), or null. */
export function fastValidate(raw: Raw, type: SegmentType): ParsedEvent | null {
  if (!isRecord(raw)) return null;
  if (raw.type !== undefined && raw.type !== type) return null;
  if (raw.type === undefined && 'type' in raw) return null;
  const out: Raw = { ...raw };
  out.type = type;

  if ('messageId' in raw && text(raw.messageId, 200, 1) === BAD) return null;
  for (const key of timestampKeys) {
    const v = raw[key];
    const a = absent(raw, key, v);
    if (a === BAD) return null;
    if (!a && v !== null && saneTimestampMs(v) === null) return null;
  }
  for (const key of recordKeys) {
    const v = raw[key];
    const a = absent(raw, key, v);
    if (a === BAD) return null;
    if (!a && v !== null && !isRecord(v)) return null;
  }

  if (type === 'alias') {
    const userId = id(raw.userId);
    const previousId = id(raw.previousId);
    if (userId === BAD || previousId === BAD) return null;
    out.userId = userId;
    out.previousId = previousId;
  } else {
    const userId = optionalId(raw, 'userId');
    if (userId === BAD) return null;
    if (userId !== undefined) out.userId = userId;
  }
  const anonymousId = optionalId(raw, 'anonymousId');
  if (anonymousId === BAD) return null;
  if (anonymousId !== undefined) out.anonymousId = anonymousId;
  // Ids on any type that carries them (group and alias require theirs below).
  for (const key of ['groupId', 'previousId'] as const) {
    if ((key === 'groupId' && type === 'group') || (key === 'previousId' && type === 'alias')) continue;
    const v = optionalId(raw, key);
    if (v === BAD) return null;
    if (v !== undefined) out[key] = v;
  }

  switch (type) {
    case 'track':
      if (text(raw.event, 1000, 1) === BAD) return null;
      break;
    case 'page':
    case 'screen': {
      const a = absent(raw, 'name', raw.name);
      if (a === BAD) return null;
      if (!a && raw.name !== null && text(raw.name, 1000, 0) === BAD) return null;
      if (type === 'page') {
        const c = absent(raw, 'category', raw.category);
        if (c === BAD) return null;
        if (!c && raw.category !== null && (typeof raw.category !== 'string' || raw.category.length > 1000)) return null;
      }
      break;
    }
    case 'group': {
      const groupId = id(raw.groupId);
      if (groupId === BAD) return null;
      out.groupId = groupId;
      break;
    }
    default:
      break;
  }
  return out as unknown as ParsedEvent;
}
