import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';
import { teamEn, teamVi } from './team';
import { editorEn, editorVi } from './editor';

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

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  if (currentUser) localStorage.setItem(userKey(currentUser), lang);
  apply(lang);
}

/** Signed in: the user's own choice wins (two people sharing a shop computer keep theirs). */
export function rememberLanguageOf(userId: string | null): void {
  currentUser = userId;
  const mine = userId ? stored(userKey(userId)) : null;
  if (mine) apply(mine);
  else if (userId) localStorage.setItem(userKey(userId), (i18next.language as Language) || detectLanguage());
}

export function initI18n(): typeof i18next {
  const lng = detectLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: { ...vi, team: teamVi, editorText: editorVi } }, en: { translation: { ...en, team: teamEn, editorText: editorEn } } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18next;
}
