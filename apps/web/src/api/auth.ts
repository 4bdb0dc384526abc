import { http } from './http';
import { obj, str, unwrap } from './normalize';
import type { Me } from './types';

function toMe(raw: unknown): Me {
  const o = obj(raw);
  const user = unwrap(o, 'user');
  const ws = obj(o.workspace);
  return {
    id: str(user, 'id') ?? '',
    email: str(user, 'email') ?? '',
    name: str(user, 'name'),
    workspaceName: str(ws, 'name'),
    timezone: str(ws, 'timezone', 'timeZone') ?? str(o, 'timezone'),
    role: str(user, 'role'),
    language: user.language === 'vi' || user.language === 'en' ? user.language : null,
  };
}

/** Dates show in the workspace's time zone; its name heads the app. */
async function withWorkspace(me: Me): Promise<Me> {
  try {
    const ws = unwrap(await http.get('/api/workspaces/current'), 'workspace');
    return { ...me, workspaceName: str(ws, 'name'), timezone: str(ws, 'timezone'), publishNeedsApproval: ws.publishNeedsApproval === true };
  } catch {
    return me;
  }
}

export const authApi = {
  async login(email: string, password: string): Promise<Me> {
    return withWorkspace(toMe(await http.post('/api/auth/login', { email, password })));
  },
  async me(): Promise<Me> {
    return withWorkspace(toMe(await http.get('/api/auth/me')));
  },
  /** Remembers the UI language on the server for this person (every browser they sign in on). */
  async saveLanguage(language: 'vi' | 'en'): Promise<void> {
    await http.put('/api/auth/me/language', { language });
  },
  async logout(): Promise<void> {
    await http.post('/api/auth/logout');
  },
};
