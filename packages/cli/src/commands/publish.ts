// braid publish <key> and braid rollback <key> <version>: a new live version, checked against the
// live version read just before, so a teammate's publish in between is a 409, not an overwrite.
import type { Command } from 'commander';
import { journeyByKey, type Context } from '../context';
import { keyOf } from '../journey-file';
import type { PublishResult } from '../types';
import { positiveInt } from './options';

export function publishCommand(program: Command, ctx: Context): void {
  program
    .command('publish')
    .description('publish the draft of a journey as its new live version')
    .argument('<key>', 'the journey key (or a journey file)')
    .option('-m, --note <text>', 'what changed, for the version history', '')
    .action(async (ref: string, opts: { note: string }, cmd: Command) => {
      const api = await ctx.api(cmd);
      const { journey } = await journeyByKey(api, await keyOf(ref));
      const { body } = await api<PublishResult>('POST', `/api/journeys/${journey.id}/publish`, { note: opts.note, activeVersion: journey.activeVersion });
      ctx.io.out(body.unchanged ? `Nothing to publish: the draft equals live version ${body.version}` : `Published "${journey.key}" as version ${body.version}`);
    });

  program
    .command('rollback')
    .description('make an earlier version live again (as a new version); the draft becomes that version too')
    .argument('<key>', 'the journey key (or a journey file)')
    .argument('<version>', 'the version to restore', positiveInt)
    .option('-m, --note <text>', 'why, for the version history')
    .action(async (ref: string, version: number, opts: { note?: string }, cmd: Command) => {
      const api = await ctx.api(cmd);
      const { journey } = await journeyByKey(api, await keyOf(ref));
      const { body } = await api<PublishResult>('POST', `/api/journeys/${journey.id}/rollback`, {
        version,
        activeVersion: journey.activeVersion,
        ...(opts.note === undefined ? {} : { note: opts.note }),
      });
      ctx.io.out(
        body.unchanged
          ? `Version ${body.version} is live and already equals version ${version}: nothing changed`
          : `Rolled "${journey.key}" back to version ${version}: live is now version ${body.version}, and the draft is that version too`,
      );
    });
}
