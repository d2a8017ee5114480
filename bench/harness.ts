/**
 * The benchmark and evaluation harness: every suite returns a table for people and a JSON result; the runner
 * prints the tables and writes `bench/results/<suite>.json`. Suites measure ratios against a baseline run in
 * the same process, back to back (see ../shared/guide/performance.md).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SuiteResult {
  /** Table headers and rows, printed as a Markdown-style table. */
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Notes printed under the table (targets, what was skipped and why). */
  readonly notes?: readonly string[];
  /** Machine-readable result, written to bench/results/<name>.json. */
  readonly json: Record<string, unknown>;
}

export interface Suite {
  /** Stable name, e.g. `ingest-har` (also the results file name). */
  readonly name: string;
  readonly kind: 'bench' | 'eval';
  /** What it measures, one line. */
  readonly title: string;
  run(): Promise<SuiteResult>;
}

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export function formatTable(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [columns.map(String), ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(cells[0] ?? []), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(4);
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export async function runSuites(suites: readonly Suite[], filter: readonly string[]): Promise<number> {
  const selected = suites.filter((s) => filter.length === 0 || filter.some((f) => s.name.includes(f)));
  if (selected.length === 0) {
    console.error(`no suite matches ${filter.join(' ')}; suites: ${suites.map((s) => s.name).join(', ')}`);
    return 2;
  }
  mkdirSync(resultsDir, { recursive: true });
  let failed = 0;
  for (const s of selected) {
    console.log(`\n## ${s.name} — ${s.title}\n`);
    const started = Date.now();
    try {
      const r = await s.run();
      console.log(formatTable(r.columns, r.rows));
      for (const n of r.notes ?? []) console.log(`- ${n}`);
      const file = join(resultsDir, `${s.name}.json`);
      // a suite that could not run (its peer or tool missing) keeps the last measured results
      if (r.json.skipped === true && existsSync(file)) {
        console.log(`(skipped: bench/results/${s.name}.json keeps the last measured run)`);
        continue;
      }
      const out = { suite: s.name, kind: s.kind, title: s.title, date: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, ...r.json };
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`(results: bench/results/${s.name}.json, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.error(`suite ${s.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return failed ? 1 : 0;
}
