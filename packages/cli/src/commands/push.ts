// braid push <file>: create the draft journey with the file's key, or replace the draft of the
// journey that has it. Nothing is published; problems that would block publishing are counted.
import type { Command } from 'commander';
import type { Context } from '../context';
import { readJourneyFile } from '../journey-file';
import type { FileIssue, JourneySummary } from '../types';
import { positiveInt } from './options';

export function pushCommand(program: Command, ctx: Context): void {
  program
    .command('push')
    .description('create or update the draft of the journey with the file’s key (publishing is separate)')
    .argument('<file>', 'a journey file')
    .option('--revision <n>', 'refuse if the draft changed since this revision (the one you exported)', positiveInt)
    .action(async (path: string, opts: { revision?: number }, cmd: Command) => {
      const file = await readJourneyFile(path);
      if (typeof file.key !== 'string' || file.key === '') throw new Error(`${path}: key: is required (the journey's stable key, e.g. "welcome-series")`);
      const api = await ctx.api(cmd);
      const { $schema: _schema, ...content } = file;
      const { status, body } = await api<{ created: boolean; changed: boolean; journey: JourneySummary }>('PUT', `/api/journey-files/${encodeURIComponent(file.key)}`, {
        ...content,
        ...(opts.revision === undefined ? {} : { revision: opts.revision }),
      });
      const j = body.journey;
      if (status === 201) ctx.io.out(`Created the draft journey "${j.key}" (${j.id})`);
      else if (body.changed) ctx.io.out(`Updated the draft of "${j.key}" (revision ${j.draftRevision})`);
      else ctx.io.out(`"${j.key}" already has this draft (revision ${j.draftRevision}): nothing changed`);
      const check = await api<{ issues: FileIssue[] }>('POST', '/api/journey-files/validate', file);
      const n = check.body.issues.length;
      if (n > 0) ctx.io.err(`The draft has ${n} problem${n === 1 ? '' : 's'} to fix before publishing: braid validate ${path}`);
      else ctx.io.out(`Ready to publish: braid publish ${j.key}`);
    });
}
