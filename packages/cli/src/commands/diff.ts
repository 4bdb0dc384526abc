// braid diff <key | file>: what changed, step by step. For a key, between two versions or a
// version and the draft (the API compares); for a file, between the live version and the file,
// i.e. what pushing and publishing it would change.
import { diffJourneyGraphs } from '@braid/journey';
import type { Command } from 'commander';
import { journeyByKey, type Context } from '../context';
import { keyOf, readJourneyFile } from '../journey-file';
import { Problems, printDiff } from '../output';
import type { GraphDiff } from '../types';
import { versionRef } from './options';

type Graphish = Parameters<typeof diffJourneyGraphs>[0];
const label = (ref: number | 'draft') => (ref === 'draft' ? 'the draft' : `version ${ref}`);

export function diffCommand(program: Command, ctx: Context): void {
  program
    .command('diff')
    .description('show what changed: steps added and removed, each changed setting old → new, rewired paths')
    .argument('<key-or-file>', 'a journey key, or a journey file to compare with the live version')
    .option('--from <version>', 'a version number or "draft" (default: the live version)', versionRef)
    .option('--to <version>', 'a version number or "draft" (default: the draft)', versionRef)
    .option('--json', 'print the changes as JSON')
    .option('--exit-code', 'exit with 1 when there are changes (e.g. to catch drift in CI)')
    .action(async (ref: string, opts: { from?: number | 'draft'; to?: number | 'draft'; json?: boolean; exitCode?: boolean }, cmd: Command) => {
      const api = await ctx.api(cmd);
      const { journey } = await journeyByKey(api, await keyOf(ref));
      const from = opts.from ?? journey.activeVersion;
      if (from === null) throw new Error(`"${journey.key}" has no live version yet: name one with --from`);
      let diff: GraphDiff;
      let title: string;
      if (ref.endsWith('.json') && opts.to === undefined) {
        const file = await readJourneyFile(ref);
        const base = from === 'draft' ? (await journeyByKey(api, journey.key ?? '')).file.graph : (await api<{ graph: unknown }>('GET', `/api/journeys/${journey.id}/versions/${from}`)).body.graph;
        diff = diffJourneyGraphs(base as Graphish, file.graph as Graphish) as GraphDiff;
        title = `From ${label(from)} to ${ref}`;
      } else {
        const to = opts.to ?? 'draft';
        diff = (await api<{ diff: GraphDiff }>('GET', `/api/journeys/${journey.id}/diff?from=${from}&to=${to}`)).body.diff;
        title = `From ${label(from)} to ${label(to)} of "${journey.key}"`;
      }
      if (opts.json) ctx.io.out(JSON.stringify(diff, null, 2));
      else printDiff(ctx.io, title, diff);
      if (opts.exitCode && !diff.same) throw new Problems();
    });
}
