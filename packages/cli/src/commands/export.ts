// braid export <key>: the journey's draft (or a published version) as a journey file.
import type { Command } from 'commander';
import type { Context } from '../context';
import { defaultFileName, serialise, writeJourneyFile } from '../journey-file';
import type { JourneyFileBody } from '../types';
import { positiveInt } from './options';

export function exportCommand(program: Command, ctx: Context): void {
  program
    .command('export')
    .description('write a journey to a file: its draft, or a published version')
    .argument('<key>', 'the journey key')
    .option('-o, --output <file>', 'where to write it ("-" for stdout; default <key>.journey.json)')
    .option('--version <n>', 'a published version instead of the draft', positiveInt)
    .action(async (key: string, opts: { output?: string; version?: number }, cmd: Command) => {
      const api = await ctx.api(cmd);
      const { url } = await ctx.connection(cmd);
      const query = opts.version === undefined ? '' : `?version=${opts.version}`;
      const { file, journey } = (await api<{ file: JourneyFileBody; journey: { draftRevision: number } }>('GET', `/api/journey-files/${encodeURIComponent(key)}${query}`)).body;
      const body: JourneyFileBody = { $schema: `${url}/api/schemas/journey-file.json`, key: file.key, name: file.name, description: file.description, graph: file.graph };
      if (opts.output === '-') return ctx.io.out(serialise(body).trimEnd());
      const path = opts.output ?? defaultFileName(key);
      await writeJourneyFile(path, body);
      ctx.io.out(`Wrote ${path} (${opts.version === undefined ? `draft revision ${journey.draftRevision}` : `version ${opts.version}`})`);
    });
}
