// The `braid` command line: journeys as code against a Braid admin API.
import { Command, CommanderError } from 'commander';
import { exportCommand } from './commands/export';
import { diffCommand } from './commands/diff';
import { loginCommand } from './commands/login';
import { publishCommand } from './commands/publish';
import { pushCommand } from './commands/push';
import { validateCommand } from './commands/validate';
import { versionsCommand } from './commands/versions';
import { createContext } from './context';
import { Problems, printFailure, processIo, type Io } from './output';

/** Exit codes: 0 done, 1 refused or problems found (printed), 2 a usage error. */
export async function main(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const ctx = createContext(io, env);
  const program = new Command('braid')
    .description('Braid journeys as code: export, validate, push, publish, diff, roll back, list versions')
    .option('--url <url>', 'address of Braid (default: BRAID_URL, the saved login, or http://127.0.0.1:3000)')
    .option('--token <token>', 'admin API token (default: BRAID_TOKEN or the saved login)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  for (const add of [loginCommand, exportCommand, validateCommand, pushCommand, publishCommand, diffCommand, versionsCommand]) add(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (!(error instanceof Problems)) printFailure(io, error);
    return 1;
  }
}
