// braid validate <file>: the dry run. Every problem at once, each named by where it is in the
// file; exit 1 when there is any.
import type { Command } from 'commander';
import type { Context } from '../context';
import { readJourneyFile } from '../journey-file';
import { Problems, printIssues } from '../output';
import type { FileIssue, JourneySummary } from '../types';

export function validateCommand(program: Command, ctx: Context): void {
  program
    .command('validate')
    .description('check a journey file as publishing would (every step, path and setting) without saving anything')
    .argument('<file>', 'a journey file')
    .option('--json', 'print the API’s answer as JSON')
    .action(async (path: string, opts: { json?: boolean }, cmd: Command) => {
      const file = await readJourneyFile(path);
      const api = await ctx.api(cmd);
      const { body } = await api<{ valid: boolean; issues: FileIssue[]; journey: JourneySummary | null }>('POST', '/api/journey-files/validate', file);
      if (opts.json) ctx.io.out(JSON.stringify(body, null, 2));
      if (!body.valid) {
        if (!opts.json) printIssues(ctx.io, path, body.issues);
        throw new Problems();
      }
      if (!opts.json) ctx.io.out(`${path} is valid: a push ${body.journey ? `updates the draft of "${body.journey.key}"` : 'creates a new draft journey'}`);
    });
}

