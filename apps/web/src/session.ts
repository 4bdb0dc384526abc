import { create } from 'zustand';
import { authApi } from './api/auth';
import type { Me } from './api/types';
import { setWorkspaceTimeZone } from './format';
import { rememberLanguageOf } from './i18n';

// A failed save keeps the choice on this browser; the next choice tries again.
const saveLanguage = (lang: 'vi' | 'en') => void authApi.saveLanguage(lang).catch(() => undefined);

type SessionState = {
  me: Me | null;
  checked: boolean;
  check: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  expire: () => void;
};

export const useSession = create<SessionState>((set) => ({
  me: null,
  checked: false,
  check: async () => {
    try {
      const me = await authApi.me();
      setWorkspaceTimeZone(me.timezone ?? undefined);
      rememberLanguageOf(me.id, me.language, saveLanguage);
      set({ me, checked: true });
    } catch {
      set({ me: null, checked: true });
    }
  },
  signIn: async (email, password) => {
    const me = await authApi.login(email, password);
    setWorkspaceTimeZone(me.timezone ?? undefined);
    rememberLanguageOf(me.id, me.language, saveLanguage);
    set({ me: { ...me, email: me.email || email }, checked: true });
  },
  signOut: async () => {
    await authApi.logout().catch(() => undefined);
    rememberLanguageOf(null);
    set({ me: null });
  },
  expire: () => set({ me: null }),
}));
