// Form hints shared by several node types, so the same setting reads the same everywhere.
import type { FieldHint } from '@braid/sdk';

export const reentryHint = {
  label: { vi: 'Khách có được vào lại không?', en: 'Can a customer enter again?' },
  widget: 'reentry',
  help: {
    vi: 'Chỉ một lần; vào lại sau khi đã rời; hoặc mỗi lần, với khoảng cách tối thiểu giữa hai lần vào.',
    en: 'Once ever; again after they leave; or every time, with a minimum gap between entries.',
  },
} as const satisfies FieldHint<unknown>;

export const entryLimitHint = {
  label: { vi: 'Giới hạn số lần vào', en: 'Entry limit' },
  widget: 'entry-limit',
  help: {
    vi: 'Mỗi khách vào tối đa bấy nhiêu lần trong khoảng thời gian. Để trống nếu không giới hạn.',
    en: 'At most this many entries per customer in the period. Leave empty for no limit.',
  },
} as const satisfies FieldHint<unknown>;

export const outPort = [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }] as const;
export const yesNoPorts = [
  { id: 'yes', label: { vi: 'Có', en: 'Yes' } },
  { id: 'no', label: { vi: 'Không', en: 'No' } },
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
