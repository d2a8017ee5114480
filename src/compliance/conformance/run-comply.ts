/**
 * `rampart comply` as a module (the I/O edge of compliance): loads the spec, streams every traffic file (or
 * reads the stored inventory), observes each API exchange, runs the rules, aggregates and scores. A traffic
 * file that cannot be read is reported as an input error and the others are still analysed; bad entries inside a
 * file are counted as skipped with their location.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatError, isRampartError, RampartError, type Exchange, type LintSeverity } from '../../core/index.js';
import { openSource } from '../../ingest/index.js';
import { isApiExchange } from '../../inventory/index.js';
import { loadSpec, type LoadedSpec } from '../../spec/index.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { scoreFindings, type ScoreBreakdown } from '../lint/score.js';
import { createFindingAggregator, type ComplyFinding } from './aggregate-findings.js';
import type { ComplyRule, Observation } from './comply-rule.js';
import { createEndpointObserver } from './observe-endpoint.js';
import { createExchangeObserver } from './observe-exchange.js';
import { COMPLY_RULES } from './rules/index.js';

export interface ComplyOptions {
  readonly cwd: string;
  /** The spec file (as the user wrote it, relative to `cwd`). */
  readonly spec: string;
  readonly traffic: readonly string[];
  /** An inventory database to read instead of (or beside) traffic files. */
  readonly db?: string;
  readonly maxSpecBytes?: number;
  readonly rules?: readonly ComplyRule[];
}

export interface ComplyInputError {
  readonly file: string;
  readonly error: RampartError;
  readonly line: string;
}

export interface ComplySource {
  readonly file: string;
  readonly format: string;
  /** Exchanges read / analysed as API calls (page loads and static assets are not). */
  readonly exchanges: number;
  readonly analysed: number;
  readonly skipped: number;
  /** The first skipped items, one line each. */
  readonly skippedSamples: readonly string[];
}

export interface EndpointSummary {
  readonly endpoint: string;
  readonly documented: boolean;
  readonly calls: number;
  readonly findings: Readonly<Record<LintSeverity, number>>;
  /** Sensitive data types seen (request or response). */
  readonly sensitive: readonly string[];
}

export interface ComplyRun {
  readonly spec: { readonly file: string; readonly title: string; readonly specVersion: string; readonly apiVersion: string | null; readonly operations: number };
  readonly sources: readonly ComplySource[];
  readonly errors: readonly ComplyInputError[];
  readonly rules: readonly ComplyRule[];
  readonly findings: readonly ComplyFinding[];
  readonly endpoints: readonly EndpointSummary[];
  /** Documented operations seen in the traffic. */
  readonly coverage: { readonly called: number; readonly documented: number };
  readonly score: ScoreBreakdown;
  /** Findings not kept (bound reached). */
  readonly dropped: number;
}

const MAX_ENDPOINTS = 10_000;
const MAX_SKIPPED_SAMPLES = 5;

function inputError(file: string, e: unknown): ComplyInputError {
  const error = isRampartError(e) ? e : new RampartError('E_INTERNAL', e instanceof Error ? e.message : String(e), { location: file, cause: e });
  return { file, error, line: formatError(error) };
}

/** Runs comply. Throws `RampartError` only for the spec (nothing can be judged without it). */
export async function runComply(options: ComplyOptions): Promise<ComplyRun> {
  const rules = options.rules ?? COMPLY_RULES;
  const spec: LoadedSpec = await loadSpec(resolve(options.cwd, options.spec), { ...(options.maxSpecBytes ? { maxBytes: options.maxSpecBytes } : {}) }).catch((e: unknown) => {
    throw retarget(e, options.spec, options.cwd);
  });
  const description = spec.description;
  const aggregator = createFindingAggregator(rules, options.spec, (pointer) => {
    const at = spec.locate(pointer);
    return at ? { ...at, file: at.file === spec.file ? options.spec : isAbsolute(at.file) ? relative(options.cwd, at.file) : at.file } : undefined;
  });
  const endpoints = new Map<string, { documented: boolean; calls: number; sensitive: Set<string> }>();
  const calledOps = new Set<string>();
  const observe = (obs: Observation) => {
    for (const r of rules) aggregator.add(r, obs);
    let e = endpoints.get(obs.endpoint);
    if (!e && endpoints.size < MAX_ENDPOINTS) endpoints.set(obs.endpoint, (e = { documented: obs.operation !== undefined, calls: 0, sensitive: new Set() }));
    if (e) {
      e.calls += obs.count;
      for (const s of obs.sensitive) e.sensitive.add(s.type);
    }
    if (obs.operation) calledOps.add(obs.operation.pointer);
  };

  const sources: ComplySource[] = [];
  const errors: ComplyInputError[] = [];
  const observeExchange = createExchangeObserver(description);
  for (const file of options.traffic) {
    try {
      const src = await openSource(resolve(options.cwd, file));
      let exchanges = 0;
      let analysed = 0;
      let skipped = 0;
      const samples: string[] = [];
      for await (const ev of src.events) {
        if (ev.kind === 'exchange') {
          exchanges++;
          const ex: Exchange = ev.exchange;
          if (!isApiExchange(ex)) continue;
          analysed++;
          observe(observeExchange({ ...ex, source: { ...ex.source, file } }));
        } else if (ev.kind === 'skipped') {
          skipped++;
          if (samples.length < MAX_SKIPPED_SAMPLES) samples.push(`${ev.location.replace(resolve(options.cwd, file), file)}: ${ev.reason} [${ev.code}]`);
        }
      }
      sources.push({ file, format: src.format, exchanges, analysed, skipped, skippedSamples: samples });
    } catch (e) {
      errors.push(inputError(file, retarget(e, file, options.cwd)));
    }
  }
  if (options.db) {
    try {
      const store = openSqliteStore(resolve(options.cwd, options.db), { readonly: true });
      try {
        const observeEndpoint = createEndpointObserver(description);
        let n = 0;
        for (const rec of store.listEndpoints()) {
          n++;
          for (const obs of observeEndpoint(rec.endpoint)) observe(obs);
        }
        sources.push({ file: options.db, format: 'inventory', exchanges: n, analysed: n, skipped: 0, skippedSamples: [] });
      } finally {
        store.close();
      }
    } catch (e) {
      errors.push(inputError(options.db, e));
    }
  }

  const findings = aggregator.findings();
  const perEndpoint = new Map<string, Record<LintSeverity, number>>();
  for (const f of findings) {
    const c = perEndpoint.get(f.endpoint) ?? { error: 0, warn: 0, info: 0 };
    c[f.severity]++;
    perEndpoint.set(f.endpoint, c);
  }
  const summaries: EndpointSummary[] = [...endpoints.entries()]
    .map(([endpoint, e]) => ({ endpoint, documented: e.documented, calls: e.calls, findings: perEndpoint.get(endpoint) ?? { error: 0, warn: 0, info: 0 }, sensitive: [...e.sensitive].sort() }))
    .sort((a, b) => b.findings.error - a.findings.error || b.findings.warn - a.findings.warn || a.endpoint.localeCompare(b.endpoint));
  return {
    spec: { file: options.spec, title: description.title, specVersion: spec.version, apiVersion: description.apiVersion ?? null, operations: description.operations.length },
    sources,
    errors,
    rules,
    findings,
    endpoints: summaries,
    coverage: { called: calledOps.size, documented: description.operations.length },
    score: scoreFindings(findings),
    dropped: aggregator.dropped,
  };
}

/** Errors name files as the user wrote them, not as absolute paths. */
function retarget(e: unknown, file: string, cwd: string): unknown {
  if (!isRampartError(e) || !e.location) return e;
  const abs = resolve(cwd, file);
  const dir = `${resolve(cwd)}${sep}`;
  const clean = (s: string) => s.split(abs).join(file).split(dir).join('');
  if (!e.location.includes(abs) && !e.message.includes(dir)) return e;
  return new RampartError(e.code, clean(e.message), { location: clean(e.location), ...(e.fix ? { fix: e.fix } : {}), cause: e });
}
