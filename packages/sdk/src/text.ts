// Texts people read: every label, help, option, port, summary and validation message a node
// type shows is declared in each language Braid speaks. Both languages are required fields, so
// a missing translation is a type error where it is written, never an English fallback later.

/** The languages of Braid's UI, Vietnamese first: it is the default. */
export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'vi';

/** One text in every UI language, e.g. `{ vi: 'Gửi tin nhắn', en: 'Send a message' }`. */
export type LocalText = { readonly vi: string; readonly en: string };

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

export function isLocalText(value: unknown): value is LocalText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return languages.every((l) => typeof v[l] === 'string');
}

/** Builds a text per language from one function, for summaries that format config values. */
export function inEachLanguage(make: (lang: Language) => string): LocalText {
  return { vi: make('vi'), en: make('en') };
}

// zod keeps one string per issue. A bilingual message travels inside that string, marked, and
// `parseConfig` reads it back into a LocalText; an unmarked custom message is refused at load.
const MARK = '\u2063braid-text:';

/**
 * A zod error message in both languages:
 * `z.string().min(1, errorText({ vi: 'Hãy viết nội dung', en: 'Write the message' }))`.
 */
export function errorText(text: LocalText): { error: string } {
  return { error: encodeText(text) };
}

/** The same marking for messages added by hand (`ctx.addIssue({ message: encodeText(...) })`). */
export function encodeText(text: LocalText): string {
  return MARK + JSON.stringify({ vi: text.vi, en: text.en });
}

/** The LocalText inside a zod message made by `errorText`, or null for any other message. */
export function decodeText(message: string): LocalText | null {
  if (!message.startsWith(MARK)) return null;
  try {
    const parsed: unknown = JSON.parse(message.slice(MARK.length));
    return isLocalText(parsed) ? { vi: parsed.vi, en: parsed.en } : null;
  } catch {
    return null;
  }
}

/** Same words in both languages: names and user data shown as is (Slack, Zalo, an event name). */
export function sameInBoth(value: string): LocalText {
  return { vi: value, en: value };
}
