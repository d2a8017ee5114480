/**
 * `rampart comply --spec SPEC [TRAFFIC…] [--db FILE]`: flags -> `runComply` -> the chosen output. Exit 0, 1 when
 * findings at or above `--fail-on`, 2 for usage errors, an unusable spec, or traffic inputs that could not be read
 * (after printing the report of the others).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { RampartError, type LintSeverity } from '../../core/index.js';
import { complyFailed, complyHtml, complyJson, complySarif, complyText, runComply } from '../../compliance/conformance/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandContext } from '../context.js';
import { VERSION } from '../version.js';

const FORMATS = ['text', 'json', 'html', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface ComplyFlags {
  spec: string;
  db?: string;
  format: Format;
  failOn: LintSeverity;
  out?: string;
  quiet?: boolean;
  maxSize: string;
}

export function registerComply(program: Command, ctx: CommandContext): void {
  program
    .command('comply')
    .description('check real traffic against the spec (conformance) and for regulated-data exposure (PCI DSS v4.0, GDPR, OWASP API Top 10 2023)')
    .argument('[traffic...]', 'traffic files: HAR, nginx/Apache/Envoy access logs, JSON lines (plain or .gz)')
    .requiredOption('--spec <file>', 'the OpenAPI 2.0/3.0/3.1 document the traffic should follow')
    .option('--db <file>', 'also read the stored inventory (rampart inventory import) instead of / beside traffic files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warn', 'info']).default('error'))
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('-q, --quiet', 'text output lists only findings at or above --fail-on')
    .option('--max-size <MB>', 'size limit of the spec in MB', '50')
    .action(async (traffic: string[], flags: ComplyFlags) => {
      const maxMb = Number(flags.maxSize);
      if (!Number.isFinite(maxMb) || maxMb <= 0) throw new RampartError('E_USAGE', `--max-size must be a positive number of MB (got "${flags.maxSize}")`);
      if (traffic.length === 0 && !flags.db) throw new RampartError('E_USAGE', 'no traffic to check', { fix: 'pass traffic files (HAR, access logs, JSON lines) or --db with a stored inventory' });
      const run = await runComply({ cwd: ctx.io.cwd, spec: flags.spec, traffic, ...(flags.db ? { db: flags.db } : {}), maxSpecBytes: Math.floor(maxMb * 1048576) });
      const options = { tool: { name: 'rampart', version: VERSION }, failOn: flags.failOn };
      const render: Record<Format, () => string> = {
        text: () => complyText(run, { ...options, quiet: flags.quiet ?? false }),
        json: () => `${JSON.stringify(complyJson(run, options), null, 2)}\n`,
        sarif: () => complySarif(run, options),
        html: () => complyHtml(run, options),
      };
      const output = render[flags.format]();
      if (flags.out) {
        try {
          await writeFile(resolve(ctx.io.cwd, flags.out), output);
        } catch (e) {
          throw new RampartError('E_INPUT_UNREADABLE', `cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { location: flags.out, fix: 'check that the directory exists and is writable' });
        }
      } else ctx.io.out(output);
      for (const e of run.errors) ctx.io.err(`rampart: ${e.line}\n`);
      for (const src of run.sources) for (const s of src.skippedSamples) ctx.io.err(`rampart: skipped ${s}\n`);
      ctx.setExitCode(run.errors.length ? EXIT_USAGE : complyFailed(run, flags.failOn) ? EXIT_FINDINGS : EXIT_OK);
    });
}
