/**
 * The `rampart` command line: parses flags, calls modules, formats output. No domain logic lives here.
 * Exit codes: 0 success, 1 findings at or above `--fail-on`, 2 usage or input error, 3 internal error (a bug).
 */
import { Command, CommanderError } from 'commander';
import { formatError, isRampartError } from '../core/index.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type CommandContext } from './context.js';
import { processIo, type Io } from './io.js';
import { VERSION } from './version.js';


export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('rampart')
    .description('Rampart — Unified API Protection: discover, inventory, test, comply, detect, protect')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .exitOverride();
  for (const register of COMMANDS) register(program, ctx);
  // every sub-command reports usage errors instead of exiting the process
  const override = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => ctx.io.out(s),
      // commander's own usage errors in the house format: one line, the code, where to look
      writeErr: (s) => ctx.io.err(s.startsWith('error: ') ? `rampart: ${s.slice(7).trimEnd()} [E_USAGE]\n` : s),
    });
    cmd.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/** Runs the CLI on `argv` (as in `process.argv`) and resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const ctx: CommandContext = { io, setExitCode: (c) => (exitCode = c) };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version display are not errors; every other commander error is a usage error
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.err(`rampart: ${formatError(err)}\n`);
    if (!isRampartError(err) && io.env.RAMPART_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return isRampartError(err) && err.code !== 'E_INTERNAL' ? EXIT_USAGE : EXIT_INTERNAL;
  }
}
