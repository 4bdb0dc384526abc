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
  };
}

export const authApi = {
  async login(email: string, password: string): Promise<Me> {
    return toMe(await http.post('/api/auth/login', { email, password }));
  },
  async me(): Promise<Me> {
    return toMe(await http.get('/api/auth/me'));
  },
  async logout(): Promise<void> {
    await http.post('/api/auth/logout');
  },
};
