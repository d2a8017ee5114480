/**
 * `rampart discover TARGET…`: flags -> discovery -> table or JSON (and, with --db, the inventory). See docs/discovery.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { RampartError, SEVERITY_ORDER, type Severity } from '../../core/index.js';
import {
  createSpecParser,
  discover,
  discoveryUserAgent,
  feedInventory,
  formatDiscoveryTable,
  parseConnectTo,
  parseResolverAddress,
  parseScope,
  parseTarget,
  parseWordlist,
  toDiscoveryJson,
  type ConnectTo,
  type Origin,
  type Target,
} from '../../discovery/index.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { EXIT_FINDINGS, type CommandContext } from '../context.js';
import { parseDuration, parseIntOption, parseRate } from '../options.js';
import { VERSION } from '../version.js';

interface DiscoverFlags {
  hosts?: string;
  wordlist?: string;
  subdomains: boolean;
  scope?: string;
  resolver?: string;
  connectTo: string[];
  ports?: string;
  format: 'table' | 'json';
  db?: string;
  concurrency: string;
  rateLimit: string;
  maxDuration?: string;
  timeout: string;
  contact?: string;
  failOn?: Severity;
  quiet?: boolean;
}

/** `https:443,http:80,http:8080` -> origins in that order. */
export function parsePorts(text: string): Origin[] {
  return text.split(',').map((part) => {
    const m = /^(https?):(\d{1,5})$/i.exec(part.trim());
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) throw new RampartError('E_USAGE', `--ports ${JSON.stringify(text)}: expected scheme:port pairs like https:443,http:80,http:8080`);
    return { scheme: (m[1] as string).toLowerCase() as 'http' | 'https', port };
  });
}

function readText(cwd: string, file: string, flag: string): string {
  const abs = resolve(cwd, file);
  try {
    if (!statSync(abs).isFile()) throw new RampartError('E_INPUT_UNREADABLE', 'not a regular file', { location: file });
    return readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof RampartError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RampartError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', `${flag}: cannot read the file (${code ?? 'error'})`, { location: file, cause: err });
  }
}

export function registerDiscover(program: Command, ctx: CommandContext): void {
  program
    .command('discover')
    .description('find the API attack surface of domains, hosts or URLs from the outside: API hosts, exposed specs, GraphQL, API calls in JavaScript, with a risk rating')
    .argument('[targets...]', 'domains (example.com: its API subdomains are tried), hosts (api.example.com:8443) or URLs')
    .option('--hosts <file>', 'more targets, one per line')
    .option('--wordlist <file>', 'more subdomain names to try under domain targets, one per line')
    .option('--no-subdomains', 'probe only the targets themselves, no subdomain names')
    .option('--scope <file>', 'what may be contacted: hosts, *.wildcards, IPs and CIDRs, !exclusions (default: the targets and their subdomains)')
    .option('--resolver <address>', 'DNS server to use (ip or ip:port) instead of the system resolver')
    .option('--connect-to <rule>', 'connect to HOST2:PORT2 when asked for HOST1:PORT1 (curl syntax HOST1:PORT1:HOST2:PORT2; repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--ports <list>', 'scheme:port pairs tried on hosts without a port, in order (default https:443,http:80)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--db <file>', 'also add discovered specs and endpoints to this inventory database')
    .option('--concurrency <n>', 'requests in flight at most', '8')
    .option('--rate-limit <rate>', 'requests per second at most (10/s, 600/m)', '20/s')
    .option('--max-duration <duration>', 'stop starting new requests after this long (30s, 5m, 1h); results are then partial')
    .option('--timeout <duration>', 'per-request timeout', '10s')
    .option('--contact <text>', 'contact added to the user-agent (e.g. your e-mail), for the owners of the hosts')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a host is rated at or above this risk').choices(['critical', 'high', 'medium', 'low']))
    .option('-q, --quiet', 'no progress display')
    .action(async (targetArgs: string[], flags: DiscoverFlags) => {
      const io = ctx.io;
      const inputs = [...targetArgs];
      if (flags.hosts) {
        for (const line of readText(io.cwd, flags.hosts, '--hosts').split(/\r?\n/)) {
          const t = line.replace(/#.*/, '').trim();
          if (t) inputs.push(t);
        }
      }
      if (inputs.length === 0) throw new RampartError('E_USAGE', 'no target: give a domain, host or URL (or --hosts FILE)');
      const targets: Target[] = inputs.map((t) => parseTarget(t));
      let words: string[] = [];
      if (flags.wordlist) {
        const parsed = parseWordlist(readText(io.cwd, flags.wordlist, '--wordlist'));
        for (const bad of parsed.invalid.slice(0, 5)) io.err(`rampart: ${flags.wordlist}:${bad.line}: ${JSON.stringify(bad.word)} is not a valid subdomain name, skipped\n`);
        words = parsed.words;
      }
      const scope = flags.scope ? parseScope(readText(io.cwd, flags.scope, '--scope'), flags.scope) : undefined;
      const connectTo: ConnectTo[] = flags.connectTo.map(parseConnectTo);
      if (flags.resolver) parseResolverAddress(flags.resolver);
      const origins = flags.ports ? parsePorts(flags.ports) : undefined;
      const concurrency = parseIntOption(flags.concurrency, '--concurrency', 1, 1_000);
      const ratePerSecond = parseRate(flags.rateLimit);
      const maxDurationMs = flags.maxDuration ? parseDuration(flags.maxDuration, '--max-duration') : undefined;
      const timeoutMs = parseDuration(flags.timeout, '--timeout');

      const showProgress = io.isTTY && !flags.quiet;
      const bar = showProgress
        ? new cliProgress.SingleBar({ stream: io.progressStream, format: 'discover [{bar}] {value}/{total} hosts | {requests} requests | {host}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
        : undefined;
      bar?.start(1, 0, { requests: 0, host: '' });
      const specFailures: string[] = [];
      const report = await discover({
        targets,
        words,
        enumerate: flags.subdomains,
        scope,
        resolver: flags.resolver,
        connectTo,
        origins,
        concurrency,
        ratePerSecond,
        maxDurationMs,
        timeoutMs,
        userAgent: discoveryUserAgent(VERSION, flags.contact),
        parseSpec: createSpecParser({ onFailure: (f) => specFailures.push(`${f.url}: ${f.reason}`) }),
        onEvent: (e) => {
          if (!bar) return;
          if (e.kind === 'host-queued') bar.setTotal(e.queued);
          else if (e.kind === 'host-done') bar.update(e.done, { host: e.host });
          else bar.update({ requests: e.requests });
        },
      });
      bar?.stop();
      for (const f of specFailures.slice(0, 10)) io.err(`rampart: spec document not usable: ${f}\n`);

      if (flags.db) {
        const store = openSqliteStore(resolve(io.cwd, flags.db));
        try {
          const fed = feedInventory(store, report, Date.now());
          if (flags.format === 'table') io.err(`inventory: ${fed.specs} specs and ${fed.endpoints} endpoints (${fed.added} new) added to ${flags.db}\n`);
        } finally {
          store.close();
        }
      }
      io.out(flags.format === 'json' ? `${JSON.stringify(toDiscoveryJson(report), null, 2)}\n` : formatDiscoveryTable(report));
      if (flags.failOn) {
        const threshold = SEVERITY_ORDER.indexOf(flags.failOn);
        if (report.hosts.some((h) => h.risk !== 'none' && SEVERITY_ORDER.indexOf(h.risk) >= threshold)) ctx.setExitCode(EXIT_FINDINGS);
      }
    });
}
