// braid versions <key>: the published versions, newest first, the live one marked.
import type { Command } from 'commander';
import { journeyByKey, type Context } from '../context';
import { keyOf } from '../journey-file';
import type { VersionSummary } from '../types';

export function versionsCommand(program: Command, ctx: Context): void {
  program
    .command('versions')
    .description('list the published versions of a journey, newest first')
    .argument('<key>', 'the journey key (or a journey file)')
    .option('--json', 'print them as JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      const api = await ctx.api(cmd);
      const { journey } = await journeyByKey(api, await keyOf(ref));
      const { versions } = (await api<{ versions: VersionSummary[] }>('GET', `/api/journeys/${journey.id}/versions`)).body;
      if (opts.json) return ctx.io.out(JSON.stringify({ activeVersion: journey.activeVersion, versions }, null, 2));
      if (versions.length === 0) return ctx.io.out(`"${journey.key}" has never been published`);
      for (const v of versions) {
        const when = new Date(v.createdAt).toISOString().slice(0, 16).replace('T', ' ');
        ctx.io.out(`v${v.version}\t${v.version === journey.activeVersion ? 'live' : ''}\t${when} UTC\t${v.authorName ?? '—'}\t${v.note}`);
      }
      if (journey.hasUnpublishedChanges) ctx.io.out('The draft has unpublished changes');
    });
}
