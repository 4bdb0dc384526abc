// Node types declare every text in both languages (LocalText); the UI shows the one in use.
import i18next from 'i18next';
import { isLanguage } from '@braid/sdk';
import type { Language, LocalText } from '@braid/sdk';

export function uiLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'vi';
}

/** The text in the UI language (or `lang`). */
export function localText(text: LocalText, lang: Language = uiLanguage()): string {
  return text[lang];
}

/** Optional texts (help, placeholder) stay undefined. */
export function maybeText(text: LocalText | undefined, lang: Language = uiLanguage()): string | undefined {
  return text ? text[lang] : undefined;
}
