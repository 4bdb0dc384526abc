import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';
import { teamEn, teamVi } from './team';
import { editorEn, editorVi } from './editor';
import { testRunTextEn, testRunTextVi } from './testRunTexts';

export type Language = 'vi' | 'en';
// The last choice on this browser (the sign-in screen), and each user's own choice.
const STORAGE_KEY = 'braid.language';
const userKey = (userId: string) => `${STORAGE_KEY}.user.${userId}`;
let currentUser: string | null = null;

function stored(key: string): Language | null {
  const v = localStorage.getItem(key);
  return v === 'vi' || v === 'en' ? v : null;
}

/** Vietnamese unless someone chose English on this browser: Braid's first users are Vietnamese shops. */
export function detectLanguage(): Language {
  return stored(STORAGE_KEY) ?? 'vi';
}

function apply(lang: Language): void {
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

// Signed in, a choice is also saved on the server: the person gets it on every browser.
let saveChoice: ((lang: Language) => void) | null = null;

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  if (currentUser) {
    localStorage.setItem(userKey(currentUser), lang);
    saveChoice?.(lang);
  }
  apply(lang);
}

/**
 * Signed in: the user's own choice wins (two people sharing a shop computer keep theirs). The
 * server's copy (`chosen`) comes first; a person who never chose gets this browser's language,
 * which is then saved for them.
 */
export function rememberLanguageOf(userId: string | null, chosen?: Language | null, save?: (lang: Language) => void): void {
  currentUser = userId;
  saveChoice = userId ? (save ?? null) : null;
  if (!userId) return;
  if (chosen) {
    localStorage.setItem(userKey(userId), chosen);
    apply(chosen);
    return;
  }
  const lang = stored(userKey(userId)) ?? (i18next.language === 'en' || i18next.language === 'vi' ? i18next.language : detectLanguage());
  localStorage.setItem(userKey(userId), lang);
  apply(lang);
  save?.(lang);
}

export function initI18n(): typeof i18next {
  const lng = detectLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: {
      vi: { translation: { ...vi, team: teamVi, editorText: editorVi, testRunText: testRunTextVi } },
      en: { translation: { ...en, team: teamEn, editorText: editorEn, testRunText: testRunTextEn } },
    },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18next;
}
