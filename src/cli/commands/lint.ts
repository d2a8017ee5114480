/**
 * `rampart lint SPEC…`: flags -> `runLint` -> the chosen output. Exit 0, 1 when findings at or above
 * `--fail-on`, 2 for usage errors and specs that could not be audited (after printing the others' results).
 */
import { Option, type Command } from 'commander';
import { RampartError, type LintSeverity } from '../../core/index.js';
import { DEFAULT_MAX_SPEC_BYTES, hasFailures, lintHtml, lintJson, lintJunit, lintSarif, lintText, readRuleset, runLint } from '../../compliance/lint/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandContext } from '../context.js';
import { writeOutputFile } from '../options.js';
import { VERSION } from '../version.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface LintFlags {
  format: Format;
  failOn: LintSeverity;
  ruleset?: string;
  out?: string;
  quiet?: boolean;
  maxSize: string;
}

export function registerLint(program: Command, ctx: CommandContext): void {
  program
    .command('lint')
    .description('audit OpenAPI 2.0/3.0/3.1 specs for security and governance (OWASP API Top 10 2023)')
    .argument('<spec...>', 'OpenAPI documents (JSON or YAML; $refs to other files are followed)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warn', 'info']).default('error'))
    .option('--ruleset <file>', 'ruleset file (YAML/JSON): disable rules, change severities, add rules (docs/lint.md)')
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('-q, --quiet', 'no progress; text output lists only findings at or above --fail-on')
    .option('--max-size <MB>', 'size limit per spec file in MB', String(DEFAULT_MAX_SPEC_BYTES / 1048576))
    .action(async (specs: string[], flags: LintFlags) => {
      const maxMb = Number(flags.maxSize);
      if (!Number.isFinite(maxMb) || maxMb <= 0) throw new RampartError('E_USAGE', `--max-size must be a positive number of MB (got "${flags.maxSize}")`);
      const ruleset = flags.ruleset ? await readRuleset(flags.ruleset, ctx.io.cwd) : undefined;
      const showProgress = ctx.io.isTTY && !flags.quiet && specs.length > 1;
      const run = await runLint(specs, {
        cwd: ctx.io.cwd,
        maxBytes: Math.floor(maxMb * 1048576),
        ...(ruleset ? { ruleset } : {}),
        ...(showProgress ? { onProgress: (done: number, total: number, file: string) => ctx.io.err(`\rlint ${done}/${total} ${file}\x1b[K${done === total ? '\n' : ''}`) } : {}),
      });
      const options = { tool: { name: 'rampart', version: VERSION }, failOn: flags.failOn };
      const render: Record<Format, () => string> = {
        text: () => lintText(run, { ...options, quiet: flags.quiet ?? false }),
        json: () => `${JSON.stringify(lintJson(run, options), null, 2)}\n`,
        sarif: () => lintSarif(run, options),
        junit: () => lintJunit(run, options),
        html: () => lintHtml(run, options),
      };
      const output = render[flags.format]();
      if (flags.out) {
        await writeOutputFile(ctx.io, flags.out, output);
      } else ctx.io.out(output);
      // specs that could not be audited: one line each on stderr, whatever the format
      for (const e of run.errors) ctx.io.err(`rampart: ${e.line}\n`);
      ctx.setExitCode(run.errors.length ? EXIT_USAGE : hasFailures(run, flags.failOn) ? EXIT_FINDINGS : EXIT_OK);
    });
}
