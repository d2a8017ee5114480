/**
 * `rampart inventory import|list|show|export|specs`: the API inventory learned from traffic and specs.
 * Flags -> pipeline/inventory calls -> tables, JSON or OpenAPI. See docs/inventory.md and docs/cli.md.
 */
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { RampartError, type Endpoint, type EndpointStatus, type Notice, type Skipped } from '../../core/index.js';
import { exportOpenApi } from '../../inventory/index.js';
import { importFiles } from '../../pipeline/import-files.js';
import type { Store } from '../../store/store.js';
import { EXIT_USAGE, type CommandContext } from '../context.js';
import { formatEndpointDetail, formatEndpointTable, formatImportSummary, toEndpointJson } from '../format/inventory-format.js';
import { DEFAULT_DB, openStore, parseChoice, resolvePath, writeOutputFile } from '../options.js';

const STATUSES: readonly EndpointStatus[] = ['documented', 'shadow', 'zombie', 'orphan'];
/** Skipped entries/lines shown one by one before the rest are only counted. */
const SKIPPED_SHOWN = 10;

export function registerInventory(program: Command, ctx: CommandContext): void {
  const inventory = program
    .command('inventory')
    .description('the API inventory: endpoints learned from traffic (HAR, access logs, JSON lines) and specs');

  inventory
    .command('import')
    .description('learn endpoints from traffic files and documentation (OpenAPI, Postman); format detected from content')
    .argument('<files...>', 'HAR, nginx/Apache/Envoy access logs (plain or .gz), JSON lines, raw HTTP, OpenAPI or Postman files')
    .option('-s, --spec <file>', 'OpenAPI document or Postman collection to compare traffic with (repeatable; kept for later imports)', collect, [])
    .option('--db <file>', 'database file', DEFAULT_DB)
    .option('--force', 'import files again even when the same bytes were imported before')
    .addOption(new Option('--input-format <format>', 'read traffic files as this format instead of detecting it').choices(['har', 'combined-log', 'envoy-log', 'jsonl', 'raw-http']))
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'no progress bar and no skipped-entry notices')
    .addHelpText('after', '\nExamples:\n  rampart inventory import traffic.har --spec openapi.yaml\n  rampart inventory import /var/log/nginx/access.log.gz\n')
    .action(async (files: string[], flags: ImportFlags) => {
      const store = openStore(ctx.io, flags.db);
      try {
        await runImport(ctx, store, files, flags);
      } finally {
        store.close();
      }
    });

  inventory
    .command('list')
    .description('list the endpoints of the inventory')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--status <status>', `only endpoints with this status (${STATUSES.join('|')})`)
    .option('--host <host>', 'only endpoints of this API host')
    .option('--method <method>', 'only endpoints with this method')
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action((flags: { format: 'table' | 'json'; status?: string; host?: string; method?: string; db: string }) => {
      const status = flags.status === undefined ? undefined : parseChoice(flags.status, '--status', STATUSES);
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const endpoints = store.listEndpoints({ status, host: flags.host, method: flags.method }).map((r) => r.endpoint);
        if (flags.format === 'json') ctx.io.out(`${JSON.stringify(endpoints.map(toEndpointJson), null, 2)}\n`);
        else ctx.io.out(endpoints.length ? formatEndpointTable(endpoints) : 'no endpoints (import traffic with `rampart inventory import FILE`)\n');
      } finally {
        store.close();
      }
    });

  inventory
    .command('show')
    .description('everything known about one endpoint: parameters, schemas, auth, sensitive data, samples')
    .argument('<endpoint...>', 'METHOD PATH, METHOD HOST/PATH, or the endpoint key (e.g. GET /users/{id})')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action((words: string[], flags: { format: 'text' | 'json'; db: string }) => {
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const endpoint = findEndpoint(store, words.join(' '));
        ctx.io.out(flags.format === 'json' ? `${JSON.stringify(endpoint, null, 2)}\n` : formatEndpointDetail(endpoint));
      } finally {
        store.close();
      }
    });

  inventory
    .command('export')
    .description('the learned inventory as an OpenAPI 3.1 document (YAML, or JSON when --out ends in .json)')
    .addOption(new Option('--format <format>', 'export format').choices(['openapi']).default('openapi'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--host <host>', 'only endpoints of this API host')
    .option('--include-orphans', 'also export documented endpoints never seen in traffic')
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action(async (flags: { out?: string; host?: string; includeOrphans?: boolean; db: string }) => {
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const endpoints = store
          .listEndpoints({ host: flags.host })
          .map((r) => r.endpoint)
          .filter((e) => flags.includeOrphans || e.status !== 'orphan');
        if (endpoints.length === 0) throw new RampartError('E_ENDPOINT_NOT_FOUND', 'the inventory has no endpoints to export', { fix: 'import traffic first: rampart inventory import FILE' });
        const doc = exportOpenApi(endpoints, {});
        const asJson = flags.out?.toLowerCase().endsWith('.json');
        const text = asJson ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc, { lineWidth: 0 });
        if (flags.out) {
          await writeOutputFile(ctx.io, flags.out, text);
          ctx.io.err(`wrote ${endpoints.length} endpoints as OpenAPI 3.1 to ${flags.out}\n`);
        } else ctx.io.out(text);
      } finally {
        store.close();
      }
    });

  inventory
    .command('specs')
    .description('list the specs the inventory is compared with')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action((flags: { format: 'table' | 'json'; db: string }) => {
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const specs = store.listSpecs().map((s) => ({
          file: s.file,
          title: s.description.title,
          version: s.description.source.version,
          operations: s.description.operations.length,
          addedAt: new Date(s.addedAt).toISOString(),
        }));
        if (flags.format === 'json') ctx.io.out(`${JSON.stringify(specs, null, 2)}\n`);
        else if (specs.length === 0) ctx.io.out('no specs (add one with `rampart inventory import --spec FILE …`)\n');
        else for (const s of specs) ctx.io.out(`${s.file}  ${s.title}  (${s.version}, ${s.operations} operations, added ${s.addedAt})\n`);
      } finally {
        store.close();
      }
    });
}

interface ImportFlags {
  spec: string[];
  db: string;
  force?: boolean;
  inputFormat?: 'har' | 'combined-log' | 'envoy-log' | 'jsonl' | 'raw-http';
  format: 'text' | 'json';
  quiet?: boolean;
}

async function runImport(ctx: CommandContext, store: Store, files: string[], flags: ImportFlags): Promise<void> {
  const { io } = ctx;
  const showProgress = io.isTTY && !flags.quiet;
  const bar = showProgress
    ? new cliProgress.SingleBar(
        { format: ' {file} [{bar}] {percentage}% | {value}/{total} MB', stream: io.progressStream, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let shown = 0;
  let hidden = 0;
  const onSkipped = (s: Skipped | Notice) => {
    if (flags.quiet) return;
    if (shown < SKIPPED_SHOWN) {
      shown++;
      bar?.stop();
      io.err(`${s.kind === 'skipped' ? 'skipped' : 'note:'} ${s.location}: ${s.reason} [${s.code}]\n`);
    } else hidden++;
  };
  const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
  try {
    const summary = await importFiles(
      files.map((f) => resolvePath(io, f)),
      {
        store,
        specFiles: flags.spec.map((f) => resolvePath(io, f)),
        force: flags.force,
        format: flags.inputFormat,
        onSkipped,
        onFile: (file, _format, total) => bar?.start(mb(total), 0, { file: shortName(file) }),
        onProgress: (p) => bar?.update(mb(p.bytesRead)),
      },
    );
    bar?.stop();
    if (hidden) io.err(`… and ${hidden} more skipped (see the summary counts)\n`);
    io.out(flags.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : formatImportSummary(summary, flags.db));
    const failed = summary.files.filter((f) => f.outcome === 'failed');
    for (const f of failed) io.err(`rampart: ${f.error?.message ?? f.file} [${f.error?.code ?? 'E_INTERNAL'}]${f.error?.fix ? ` — ${f.error.fix}` : ''}\n`);
    // the other files are imported and kept; the exit status says that not everything was
    if (failed.length) ctx.setExitCode(EXIT_USAGE);
  } finally {
    bar?.stop();
  }
}

/** Finds one endpoint from `GET /path`, `GET host/path`, or a full key; explains near misses. */
export function findEndpoint(store: Store, text: string): Endpoint {
  const trimmed = text.trim();
  const exact = store.getEndpoint(trimmed);
  if (exact) return exact.endpoint;
  const m = /^([A-Za-z]+)\s+(\S+)(?:\s+(\S+))?$/.exec(trimmed);
  if (!m) throw new RampartError('E_ENDPOINT_NOT_FOUND', `cannot read ${JSON.stringify(text)} as an endpoint`);
  const method = (m[1] as string).toUpperCase();
  let host: string | undefined;
  let path: string;
  if (m[3]) {
    host = (m[2] as string).toLowerCase();
    path = m[3] as string;
  } else if ((m[2] as string).startsWith('/')) path = m[2] as string;
  else {
    const slash = (m[2] as string).indexOf('/');
    host = slash === -1 ? (m[2] as string) : (m[2] as string).slice(0, slash).toLowerCase();
    path = slash === -1 ? '/' : (m[2] as string).slice(slash);
  }
  const candidates = store.listEndpoints({ method, host }).map((r) => r.endpoint);
  const norm = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  const found = candidates.filter((e) => e.path === path || norm(e.path) === norm(path));
  if (found.length === 1) return found[0] as Endpoint;
  if (found.length > 1) {
    throw new RampartError('E_ENDPOINT_NOT_FOUND', `${method} ${path} exists on ${found.length} hosts (${found.map((e) => e.host || '(no host)').join(', ')})`, {
      fix: `name the host: rampart inventory show ${method} ${found[0]?.host}${path}`,
    });
  }
  // a concrete path such as /users/42: match it against the templates
  const concrete = candidates.filter((e) => templateMatches(e.path, path));
  if (concrete.length === 1) return concrete[0] as Endpoint;
  throw new RampartError('E_ENDPOINT_NOT_FOUND', `no endpoint ${method} ${host ? `${host}` : ''}${path} in the inventory`);
}

function templateMatches(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return false;
  return t.every((seg, i) => seg === p[i] || (seg.startsWith('{') && seg.endsWith('}') && (p[i] ?? '') !== ''));
}

function shortName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.length > 30 ? `${base.slice(0, 29)}…` : base;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
