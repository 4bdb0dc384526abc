// braid login: check the token against Braid, then save the address and token for next time.
import type { Command } from 'commander';
import { apiClient } from '../api';
import { saveLogin, configFile } from '../config';
import type { Context } from '../context';

export function loginCommand(program: Command, ctx: Context): void {
  program
    .command('login')
    .description('check an admin token (--token or BRAID_TOKEN) against Braid (--url or BRAID_URL) and save both for the next commands')
    .action(async (_opts: unknown, cmd: Command) => {
      const conn = await ctx.connection(cmd);
      const me = (await apiClient(conn)<{ kind: string; id: string; role: string; workspaceId: string }>('GET', '/api/auth/me')).body;
      const file = await saveLogin({ url: conn.url, token: conn.token ?? '' }, configFile(ctx.env));
      ctx.io.out(`Logged in to ${conn.url}: workspace ${me.workspaceId}, role ${me.role}. Saved in ${file}`);
    });
}
