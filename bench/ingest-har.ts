/**
 * HAR import speed and memory (targets I1 parse side and I3, ../shared/guide/performance.md):
 * (a) entries/s of `openSource(…).events` fully consumed vs a `JSON.parse`-only pass (read the file, parse it
 *     whole) over the same seeded synthetic HAR, median of RUNS runs, back to back; the same on the gzip file;
 * (b) RSS peak while streaming large HARs of two sizes in a child process (flat in file size = streamed).
 * Sizes: RAMPART_BENCH_HAR_ENTRIES (default 20000), RAMPART_BENCH_HAR_MB (default 300), RAMPART_BENCH_RUNS (>= 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openSource } from '../src/ingest/index.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { writeSyntheticHar, writeSyntheticHarOfSize } from './ingest-synthetic.js';

const MiB = 1024 * 1024;

async function streamEntries(file: string): Promise<number> {
  let n = 0;
  for await (const e of (await openSource(file)).events) if (e.kind === 'exchange') n++;
  return n;
}

function parseOnly(file: string, gz: boolean): number {
  const bytes = readFileSync(file);
  const text = (gz ? gunzipSync(bytes) : bytes).toString('utf8');
  const doc = JSON.parse(text) as { log: { entries: unknown[] } };
  return doc.log.entries.length;
}

async function time(fn: () => Promise<number> | number): Promise<{ seconds: number; count: number }> {
  const t0 = performance.now();
  const count = await fn();
  return { seconds: (performance.now() - t0) / 1000, count };
}

function rssOf(file: string): { rssStart: number; rssPeak: number; exchanges: number; seconds: number } {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'ingest-rss-child.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as { rssStart: number; rssPeak: number; exchanges: number; seconds: number };
}

export const ingestHar: Suite = {
  name: 'ingest-har',
  kind: 'bench',
  title: 'HAR streaming import vs JSON.parse-only, and RSS vs file size',
  async run(): Promise<SuiteResult> {
    const entries = Number(process.env.RAMPART_BENCH_HAR_ENTRIES ?? 20_000);
    const bigMb = Number(process.env.RAMPART_BENCH_HAR_MB ?? 300);
    const runs = Math.max(3, Number(process.env.RAMPART_BENCH_RUNS ?? 3));
    const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-har-'));
    try {
      const file = join(dir, 'bench.har');
      const bytes = writeSyntheticHar(file, entries);
      const gzFile = join(dir, 'bench.har.gz');
      writeFileSync(gzFile, gzipSync(readFileSync(file)));

      const measure = async (candidate: string, gz: boolean): Promise<{ ours: number; base: number }> => {
        const ours: number[] = [];
        const base: number[] = [];
        for (let r = 0; r < runs; r++) {
          const b = await time(() => parseOnly(candidate, gz));
          const o = await time(() => streamEntries(candidate));
          if (o.count !== entries || b.count !== entries) throw new Error(`entry count mismatch: streamed ${o.count}, parsed ${b.count}, expected ${entries}`);
          base.push(entries / b.seconds);
          ours.push(entries / o.seconds);
        }
        return { ours: median(ours), base: median(base) };
      };
      const plain = await measure(file, false);
      const gz = await measure(gzFile, true);
      rmSync(gzFile);
      rmSync(file);

      const memory: Array<{ mb: number; entries: number; rssStartMb: number; rssPeakMb: number; seconds: number }> = [];
      for (const mb of [Math.max(1, Math.round(bigMb / 4)), bigMb]) {
        const big = join(dir, `big-${mb}.har`);
        const g = writeSyntheticHarOfSize(big, mb);
        const r = rssOf(big);
        rmSync(big);
        if (r.exchanges !== g.entries) throw new Error(`memory run read ${r.exchanges} of ${g.entries} entries`);
        memory.push({ mb: g.bytes / MiB, entries: g.entries, rssStartMb: r.rssStart / MiB, rssPeakMb: r.rssPeak / MiB, seconds: r.seconds });
      }

      const rows: Array<Array<string | number>> = [
        ['HAR plain: openSource entries/s', Math.round(plain.ours), Math.round(plain.base), plain.ours / plain.base, '>= 0.25 (I1 parse side)'],
        ['HAR plain: MB/s', (plain.ours * bytes) / entries / MiB, (plain.base * bytes) / entries / MiB, plain.ours / plain.base, ''],
        ['HAR gzip: openSource entries/s', Math.round(gz.ours), Math.round(gz.base), gz.ours / gz.base, '(info)'],
        ...memory.map((m) => [`RSS peak streaming a ${m.mb.toFixed(0)} MB HAR (MB)`, m.rssPeakMb, m.rssStartMb, m.rssPeakMb / m.mb, 'flat; <= 512 MB (I3)']),
      ];
      const flat = memory.length === 2 ? (memory[1] as (typeof memory)[number]).rssPeakMb / (memory[0] as (typeof memory)[number]).rssPeakMb : NaN;
      return {
        columns: ['measure', 'value', 'baseline', 'ratio', 'target'],
        rows,
        notes: [
          `synthetic HAR: ${entries} entries, ${(bytes / MiB).toFixed(1)} MB, ~2 KB JSON response bodies, pretty-printed; median of ${runs} runs; baseline = readFile + JSON.parse of the whole file (gunzip first for .gz)`,
          'RSS rows: baseline column = RSS before reading; ratio column = RSS peak / file size',
          `RSS peak at ${memory.at(-1)?.mb.toFixed(0)} MB vs ${memory[0]?.mb.toFixed(0)} MB file: x${flat.toFixed(2)} (1.00 = flat)`,
        ],
        json: {
          entries,
          bytes,
          runs,
          plain: { entriesPerSecond: plain.ours, baselineEntriesPerSecond: plain.base, ratio: plain.ours / plain.base },
          gzip: { entriesPerSecond: gz.ours, baselineEntriesPerSecond: gz.base, ratio: gz.ours / gz.base },
          memory,
          rssGrowthLargeVsSmall: flat,
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
