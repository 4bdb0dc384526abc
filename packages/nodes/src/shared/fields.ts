// Form hints shared by several node types, so the same setting reads the same everywhere.
import type { FieldHint } from '@braid/sdk';

export const reentryHint = {
  label: 'Can a customer enter again?',
  widget: 'reentry',
  help: 'Once ever; again after they leave; or every time, with a minimum gap between entries.',
} as const satisfies FieldHint<unknown>;

export const entryLimitHint = {
  label: 'Entry limit',
  widget: 'entry-limit',
  help: 'At most this many entries per customer in the period. Leave empty for no limit.',
} as const satisfies FieldHint<unknown>;

export const outPort = [{ id: 'out', label: 'Next' }] as const;
export const yesNoPorts = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
] as const;

/** `HH:MM`, 24-hour. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isKnownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
