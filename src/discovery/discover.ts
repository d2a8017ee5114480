/**
 * The discovery engine: targets -> candidate hosts (subdomain words, certificate names, hosts named by specs
 * and JavaScript) -> DNS -> the origin that answers -> every probe -> one report with a risk rating per host.
 * Scope is checked before any name is resolved or contacted; the HTTP client checks it again per connection.
 * Emits typed events for progress; returns values, never prints.
 */
import { createHash } from 'node:crypto';
import { SEVERITY_ORDER } from '../core/index.js';
import { type ConnectTo } from './connect-to.js';
import { finding } from './findings.js';
import { mergeFingerprints } from './fingerprint.js';
import { createHttpClient } from './http-client.js';
import { PROBES } from './probes/index.js';
import { createRequestLimiter } from './request-limiter.js';
import { createResolver, type HostResolver } from './resolver.js';
import { rateRisk } from './risk.js';
import { createScope, normaliseHostName, type Scope } from './scope.js';
import { API_SUBDOMAINS } from './subdomains.js';
import { DEFAULT_ORIGINS, expandTargets, originUrl, type Candidate, type Origin, type Target } from './targets.js';
import type {
  CorsInfo,
  DiscoveredEndpoint,
  DiscoveredSpec,
  DiscoveryFinding,
  DiscoveryNote,
  DiscoveryReport,
  FetchResult,
  HostContext,
  HostReport,
  HttpClient,
  Probe,
  ProbeResult,
  SpecParser,
  TlsInfo,
} from './types.js';

export interface DiscoverOptions {
  readonly targets: readonly Target[];
  /** Extra subdomain words (the built-in list is always used unless `builtinWords` is false). */
  readonly words?: readonly string[];
  readonly builtinWords?: boolean;
  /** Try subdomains of domain targets (default true). */
  readonly enumerate?: boolean;
  /** What may be contacted; default: the targets' hosts and, for domains, their subdomains. */
  readonly scope?: Scope;
  /** DNS server `ip[:port]`; the system resolver when absent. */
  readonly resolver?: string;
  readonly connectTo?: readonly ConnectTo[];
  /** Origins tried on hosts without an explicit port (default https:443 then http:80). */
  readonly origins?: readonly Origin[];
  /** Requests in flight at most (default 8). */
  readonly concurrency?: number;
  /** Requests per second at most (default 20). */
  readonly ratePerSecond?: number;
  /** Stop starting requests after this long (default: no limit). */
  readonly maxDurationMs?: number;
  readonly timeoutMs?: number;
  /** Hosts probed at most (default 256). */
  readonly maxHosts?: number;
  readonly parseSpec: SpecParser;
  readonly userAgent: string;
  readonly probes?: readonly Probe[];
  readonly onEvent?: (event: DiscoveryEvent) => void;
  readonly now?: () => number;
}

/** Progress, for a terminal: hosts queued/done and requests sent. */
export type DiscoveryEvent =
  | { readonly kind: 'host-queued'; readonly host: string; readonly queued: number }
  | { readonly kind: 'host-done'; readonly host: string; readonly done: number; readonly queued: number }
  | { readonly kind: 'request'; readonly url: string; readonly requests: number };

/** Injected edges, for tests without sockets. */
export interface DiscoverEdges {
  readonly http?: HttpClient;
  readonly resolver?: HostResolver;
}

const HOST_WORKERS = 4;

/** The default scope: every target host, and every subdomain of domain targets. */
export function defaultScope(targets: readonly Target[]): Scope {
  const entries: string[] = [];
  for (const t of targets) {
    entries.push(t.host);
    if (t.domain) entries.push(`*.${t.host}`);
  }
  return createScope(entries);
}

/** Runs discovery; resolves to the report (partial when the deadline stopped it). */
export async function discover(options: DiscoverOptions, edges: DiscoverEdges = {}): Promise<DiscoveryReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const scope = options.scope ?? defaultScope(options.targets);
  const resolver = edges.resolver ?? createResolver({ server: options.resolver, timeoutMs: Math.min(options.timeoutMs ?? 5_000, 5_000) });
  const notes = new Map<string, DiscoveryNote>();
  const note = (n: DiscoveryNote): void => {
    const key = `${n.kind} ${n.target} ${n.reason}`;
    if (!notes.has(key) && notes.size < 1_000) notes.set(key, n);
  };
  let requests = 0;
  const limiter = createRequestLimiter({
    concurrency: options.concurrency ?? 8,
    rate: options.ratePerSecond ?? 20,
    deadline: options.maxDurationMs === undefined ? Infinity : started + options.maxDurationMs,
    now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
  const ownClient = edges.http
    ? undefined
    : createHttpClient({
        scope,
        resolver,
        limiter,
        userAgent: options.userAgent,
        connectTo: options.connectTo,
        timeoutMs: options.timeoutMs,
        onEvent: (e) => {
          if (e.kind === 'request') options.onEvent?.({ kind: 'request', url: e.url, requests: ++requests });
          else note({ kind: 'out-of-scope', target: e.target, reason: e.reason });
        },
      });
  const http: HttpClient = edges.http ?? (ownClient as HttpClient);
  const probes = options.probes ?? PROBES;
  const maxHosts = options.maxHosts ?? 256;
  const words = [...(options.builtinWords === false ? [] : API_SUBDOMAINS), ...(options.words ?? [])];
  const initial = expandTargets(options.targets, [...new Set(words)], options.enumerate ?? true);

  const queue: Candidate[] = [];
  const queued = new Set<string>();
  const reports: HostReport[] = [];
  const specDocuments: DiscoveredSpec[] = [];
  let namesResolved = 0;
  let done = 0;
  let partial = false;

  const enqueue = (c: Candidate): void => {
    if (queued.has(c.host)) return;
    if (!scope.allowsName(c.host)) {
      note({ kind: 'out-of-scope', target: c.host, reason: `named by ${c.via}, not in scope: not contacted` });
      return;
    }
    if (queued.size >= maxHosts) {
      note({ kind: 'limit', target: c.host, reason: `more than ${maxHosts} hosts: not probed` });
      return;
    }
    queued.add(c.host);
    queue.push(c);
    options.onEvent?.({ kind: 'host-queued', host: c.host, queued: queued.size });
  };
  for (const c of initial) enqueue(c);

  const probeHost = async (c: Candidate): Promise<void> => {
    const hasOverride = (options.connectTo ?? []).some((r) => r.host === c.host && r.toHost !== '');
    const addresses = await resolver.resolve(c.host);
    if (addresses.length === 0 && !hasOverride) {
      if (c.via !== 'wordlist') note({ kind: 'unresolved', target: c.host, reason: 'the name does not resolve' });
      return;
    }
    namesResolved++;
    // the first origin that answers is the host's
    let root: FetchResult | undefined;
    let origin = '';
    for (const o of c.origins ?? options.origins ?? DEFAULT_ORIGINS) {
      if (limiter.expired()) break;
      const url = originUrl(c.host, o);
      const r = await http.fetch(`${url}/`);
      if (r.status > 0) {
        root = r;
        const final = new URL(r.url);
        origin = final.hostname === c.host ? final.origin : url;
        break;
      }
    }
    if (!root) {
      if (limiter.expired()) partial = true;
      else note({ kind: 'unreachable', target: c.host, reason: 'no answer over HTTPS or HTTP on the ports tried' });
      return;
    }
    const nonce = createHash('sha1').update(c.host).digest('hex').slice(0, 12);
    const notFound = await http.fetch(`${origin}/rampart-discovery-${nonce}-does-not-exist`, { follow: false });
    const ctx: HostContext = {
      host: c.host,
      origin,
      prefixes: c.prefixes,
      root,
      notFound,
      parseSpec: options.parseSpec,
      inScope: (h) => scope.allowsName(h),
    };
    const results = await Promise.all(
      probes.map((p) =>
        p.run(ctx, http).catch((err: unknown): ProbeResult => {
          note({ kind: 'unreachable', target: `${c.host} (${p.name})`, reason: `probe failed: ${err instanceof Error ? err.message : String(err)}` });
          return {};
        }),
      ),
    );
    if (limiter.expired()) partial = true;
    reports.push(assembleHost(c.host, origin, results));
    for (const r of results) specDocuments.push(...(r.specs ?? []));
    results.forEach((r, i) => {
      for (const raw of r.hosts ?? []) {
        const host = normaliseHostName(raw);
        if (host && host !== c.host) enqueue({ host, prefixes: [], via: `the ${probes[i]?.name ?? 'probe'} probe of ${c.host}` });
      }
    });
  };

  try {
    const worker = async (): Promise<void> => {
      for (;;) {
        const c = queue.shift();
        if (!c) return;
        if (limiter.expired()) {
          partial = true;
          note({ kind: 'limit', target: c.host, reason: 'max duration reached before this host was probed' });
          continue;
        }
        await probeHost(c);
        done++;
        options.onEvent?.({ kind: 'host-done', host: c.host, done, queued: queued.size });
      }
    };
    // workers end when the queue is empty; hosts found late start new rounds
    while (queue.length) await Promise.all(Array.from({ length: Math.min(HOST_WORKERS, queue.length) }, worker));
  } finally {
    await ownClient?.close();
  }

  reports.sort((a, b) => a.host.localeCompare(b.host));
  return {
    hosts: reports,
    specDocuments,
    notes: [...notes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.target.localeCompare(b.target) || a.reason.localeCompare(b.reason)),
    partial,
    stats: { namesTried: queued.size, namesResolved, requests: ownClient ? requests : 0 },
  };
}

/** One host's report from its probes' results: merged, de-duplicated, sorted, rated. */
export function assembleHost(host: string, origin: string, results: readonly ProbeResult[]): HostReport {
  const findings = new Map<string, DiscoveryFinding>();
  for (const r of results) for (const f of r.findings ?? []) findings.set(`${f.kind} ${f.url} ${f.message}`, f);
  const endpoints = new Map<string, DiscoveredEndpoint>();
  for (const r of results) {
    for (const e of r.endpoints ?? []) {
      const key = `${e.method} ${e.url ?? e.path} ${e.operation ?? ''}`;
      if (!endpoints.has(key)) endpoints.set(key, e);
    }
  }
  const specs = [...new Set(results.flatMap((r) => (r.specs ?? []).map((s) => s.url)))].sort();
  const tls: TlsInfo = results.find((r) => r.tls)?.tls ?? { enabled: origin.startsWith('https:') };
  const cors: CorsInfo = results.find((r) => r.cors)?.cors ?? { allowCredentials: false, policy: 'none' };
  const list = [...findings.values()];
  const apiSurface = specs.length > 0 || endpoints.size > 0;
  if (!tls.enabled && apiSurface) {
    list.push(finding('cleartext-http', origin, 'API served over plain HTTP: credentials and data cross the network unencrypted'));
  }
  list.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) || a.kind.localeCompare(b.kind) || a.url.localeCompare(b.url) || a.message.localeCompare(b.message),
  );
  const sortedEndpoints = [...endpoints.values()].sort(
    (a, b) => (a.url ?? a.path).localeCompare(b.url ?? b.path) || a.method.localeCompare(b.method) || (a.operation ?? '').localeCompare(b.operation ?? '') || a.source.localeCompare(b.source),
  );
  const { risk, score } = rateRisk(list, sortedEndpoints.length, specs.length);
  return {
    host,
    url: origin,
    risk,
    score,
    findings: list,
    specs,
    endpoints: sortedEndpoints,
    fingerprint: mergeFingerprints(results.map((r) => r.fingerprint)),
    tls,
    cors,
  };
}
