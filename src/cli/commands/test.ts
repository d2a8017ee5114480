/**
 * `rampart test --spec SPEC --target URL`: flags -> identities, checks, operations -> `runTests` -> the chosen
 * output. Exit 0; 1 when a finding is at or above `--fail-on`; 2 for usage and input errors (a bad spec, an
 * unreachable target, a login that fails), with one line naming the problem and the fix. See docs/testing.md.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { RampartError, SEVERITY_ORDER, normaliseHost, type ApiDescription, type ApiOperation, type Severity } from '../../core/index.js';
import { loadSpec, type LoadedSpec } from '../../spec/index.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import {
  BUILTIN_CHECKS,
  REPORT_FORMATS,
  basePathFor,
  failsGate,
  identitiesFromFlags,
  mergeIdentities,
  operationsFromInventory,
  parseAuthFile,
  parseDuration,
  parseRate,
  parseUserTests,
  renderTestReport,
  runTests,
  type Check,
  type IdentityConfig,
  type ReportFormat,
} from '../../testing/index.js';
import { EXIT_FINDINGS, EXIT_OK, type CommandContext } from '../context.js';
import { writeOutputFile } from '../options.js';
import { VERSION } from '../version.js';

interface TestFlags {
  spec?: string;
  target: string;
  auth?: string;
  identity: string[];
  tests: string[];
  format: ReportFormat;
  out?: string;
  failOn: Severity | 'none';
  maxDuration?: string;
  rateLimit?: string;
  includeIntrusive?: boolean;
  fromInventory?: boolean;
  db?: string;
  only?: string;
  skip?: string;
  timeout: string;
  canaryHost?: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerTest(program: Command, ctx: CommandContext): void {
  program
    .command('test')
    .description('security-test a running API from its spec (OWASP API Top 10 2023): BOLA/BFLA with several identities, auth and JWT attacks, injection, mass assignment, rate limits, misconfiguration')
    .option('--spec <file>', 'OpenAPI 2.0/3.0/3.1 document of the API (JSON or YAML)')
    .requiredOption('--target <url>', 'base URL of the running API, e.g. http://localhost:3000')
    .option('--auth <file>', 'auth file declaring the identities (docs/testing.md, "Auth file")')
    .option('--identity <NAME=HEADER:VALUE>', "an identity with a static header, e.g. 'alice=Authorization:Bearer eyJ…' (repeatable)", collect, [])
    .option('--tests <file>', 'your own test definitions in YAML (docs/testing.md, "Writing your own tests"; repeatable)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITY_ORDER, 'none']).default('high'))
    .option('--max-duration <duration>', 'time box for the whole run, e.g. 90s, 10m (findings so far are reported)')
    .option('--rate-limit <rate>', 'at most this many requests, e.g. 10/s or 300/m')
    .option('--include-intrusive', 'also run tests that change or delete data, lock accounts or send bursts (only against test systems)')
    .option('--from-inventory', 'add the endpoints of the stored inventory (needs --db), shadow endpoints included')
    .option('--db <file>', 'the Rampart database with the inventory')
    .option('--only <ids>', 'run only these tests (comma-separated ids)')
    .option('--skip <ids>', 'do not run these tests (comma-separated ids)')
    .option('--timeout <duration>', 'timeout of one request', '10s')
    .option('--canary-host <host>', 'address the SSRF canary listens on (default 127.0.0.1; the target must reach it)')
    .option('-q, --quiet', 'no progress; text output lists only findings at or above --fail-on')
    .action(async (flags: TestFlags) => {
      const io = ctx.io;
      if (!flags.spec && !flags.fromInventory) throw new RampartError('E_USAGE', 'give --spec FILE, or --from-inventory --db FILE, to say what to test');
      if (flags.fromInventory && !flags.db) throw new RampartError('E_USAGE', '--from-inventory needs --db FILE (the database with the inventory)');
      const maxDurationMs = flags.maxDuration === undefined ? undefined : duration(flags.maxDuration, '--max-duration');
      const timeoutMs = duration(flags.timeout, '--timeout');
      let rateLimit: number | undefined;
      if (flags.rateLimit !== undefined) {
        rateLimit = parseRate(flags.rateLimit);
        if (rateLimit === undefined) throw new RampartError('E_USAGE', `--rate-limit expects a rate such as 10/s or 300/m (got "${flags.rateLimit}")`);
      }
      let target: URL;
      try {
        target = new URL(flags.target);
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
      } catch {
        throw new RampartError('E_USAGE', `--target must be an http:// or https:// URL (got "${flags.target}")`, { fix: 'pass the base URL of the running API, e.g. --target http://localhost:3000' });
      }

      const loaded: LoadedSpec | undefined = flags.spec ? await loadSpec(resolve(io.cwd, flags.spec)) : undefined;
      const specShown = flags.spec ? relative(io.cwd, resolve(io.cwd, flags.spec)) || flags.spec : undefined;
      const identities = await readIdentities(flags, ctx);
      const checks = await selectChecks(flags, ctx);
      const extra = flags.fromInventory ? readInventory(flags.db!, io.cwd, target, loaded?.description, io) : [];

      let bar: cliProgress.SingleBar | undefined;
      let findings = 0;
      if (io.isTTY && !flags.quiet) {
        bar = new cliProgress.SingleBar(
          { stream: io.progressStream, format: 'rampart test [{bar}] {value}/{total} {check} | {findings} findings', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
      }
      let started = false;
      try {
        const report = await runTests({
          ...(loaded ? { api: loaded.description } : {}),
          ...(specShown ? { specFile: specShown } : {}),
          extraOperations: extra,
          target: flags.target,
          identities,
          checks,
          includeIntrusive: flags.includeIntrusive ?? false,
          ...(rateLimit ? { rateLimit } : {}),
          ...(maxDurationMs ? { maxDurationMs } : {}),
          timeoutMs,
          ...(flags.canaryHost ? { canaryHost: flags.canaryHost } : {}),
          toolVersion: VERSION,
          ...(loaded && specShown ? { locateOperation: (op: ApiOperation) => locate(loaded, specShown, op) } : {}),
          onEvent: (e) => {
            if (!bar) return;
            if (e.kind === 'progress') {
              if (!started) bar.start(e.total, e.done, { check: e.check, findings });
              started = true;
              bar.update(e.done, { check: e.check, findings });
            } else if (e.kind === 'finding') bar.update({ findings: ++findings });
          },
        });
        bar?.stop();
        bar = undefined;
        const output = renderTestReport(report, flags.format, { failOn: flags.failOn, quiet: flags.quiet ?? false });
        if (flags.out) {
          await writeOutputFile(io, flags.out, output);
          if (!flags.quiet) io.err(`rampart test: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}; report written to ${flags.out}\n`);
        } else io.out(output);
        ctx.setExitCode(failsGate(report, flags.failOn) ? EXIT_FINDINGS : EXIT_OK);
      } finally {
        bar?.stop();
      }
    });
}

function duration(v: string, flag: string): number {
  const ms = parseDuration(v);
  if (ms === undefined || ms <= 0) throw new RampartError('E_USAGE', `${flag} expects a duration such as 90s, 10m or 1h (got "${v}")`);
  return ms;
}

async function readText(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RampartError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`, { location: file });
  }
}

async function readIdentities(flags: TestFlags, ctx: CommandContext): Promise<IdentityConfig[]> {
  const fromFile = flags.auth ? parseAuthFile(await readText(flags.auth, ctx.io.cwd), flags.auth, ctx.io.env) : [];
  return mergeIdentities(fromFile, identitiesFromFlags(flags.identity));
}

async function selectChecks(flags: TestFlags, ctx: CommandContext): Promise<Check[]> {
  const builtinIds = new Set(BUILTIN_CHECKS.map((c) => c.id));
  const user: Check[] = [];
  for (const file of flags.tests) user.push(...parseUserTests(await readText(file, ctx.io.cwd), file, new Set([...builtinIds, ...user.map((c) => c.id)])));
  const all = [...BUILTIN_CHECKS, ...user];
  const ids = (list: string | undefined, flag: string): Set<string> | undefined => {
    if (list === undefined) return undefined;
    const out = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
    const unknown = [...out].filter((id) => !all.some((c) => c.id === id));
    if (unknown.length) throw new RampartError('E_USAGE', `${flag}: unknown test id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, { fix: `test ids are: ${all.map((c) => c.id).join(', ')}` });
    return out;
  };
  const only = ids(flags.only, '--only');
  const skip = ids(flags.skip, '--skip');
  return all.filter((c) => (!only || only.has(c.id)) && !skip?.has(c.id));
}

function readInventory(db: string, cwd: string, target: URL, api: ApiDescription | undefined, io: CommandContext['io']): ApiOperation[] {
  const store = openSqliteStore(resolve(cwd, db), { readonly: true });
  try {
    const endpoints = store.listEndpoints().map((r) => r.endpoint);
    const { operations, skipped } = operationsFromInventory(endpoints, { host: normaliseHost(target.host, target.protocol === 'https:' ? 'https' : 'http'), basePath: basePathFor(target, api) });
    if (skipped) io.err(`rampart test: ${skipped} inventory endpoint${skipped === 1 ? '' : 's'} of other hosts or outside the base path left out\n`);
    return operations;
  } finally {
    store.close();
  }
}

function locate(loaded: LoadedSpec, shown: string, op: ApiOperation): { file: string; line: number } | undefined {
  const l = loaded.locate(op.pointer);
  if (!l) return undefined;
  return { file: l.file === loaded.file ? shown : l.file, line: l.line };
}
