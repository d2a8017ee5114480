/**
 * Access-log import speed (target I2, ../shared/guide/performance.md): lines/s of `openSource(…).events` fully
 * consumed (reader + parser) on seeded synthetic combined and Envoy logs, against two bare line-split passes
 * over the same file in the same run — Node's `readline` (the usual way to split a file into lines) and a
 * minimal chunk-decode + `indexOf('\n')` splitter — median of RUNS runs, back to back, one core.
 * Sizes: RAMPART_BENCH_LOG_LINES (default 300000), RAMPART_BENCH_RUNS (>= 3).
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { openSource } from '../src/ingest/index.js';
import { median, type Suite, type SuiteResult } from './harness.js';
import { writeSyntheticLog } from './ingest-synthetic.js';

async function readlineCount(file: string): Promise<number> {
  let n = 0;
  const rl = createInterface({ input: createReadStream(file, { highWaterMark: 256 * 1024 }), crlfDelay: Infinity });
  for await (const line of rl) if (line.length > 0) n++;
  return n;
}

async function indexOfCount(file: string): Promise<number> {
  let n = 0;
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    const s = carry + decoder.write(chunk);
    let pos = 0;
    for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', pos)) {
      if (nl > pos) n++;
      pos = nl + 1;
    }
    carry = s.slice(pos);
  }
  return carry.length > 0 ? n + 1 : n;
}

async function ingestCount(file: string): Promise<number> {
  let n = 0;
  for await (const e of (await openSource(file)).events) if (e.kind === 'exchange') n++;
  return n;
}

async function rate(lines: number, fn: () => Promise<number>): Promise<number> {
  const t0 = performance.now();
  const count = await fn();
  const seconds = (performance.now() - t0) / 1000;
  if (count !== lines) throw new Error(`counted ${count} lines, expected ${lines}`);
  return lines / seconds;
}

export const ingestLogs: Suite = {
  name: 'ingest-logs',
  kind: 'bench',
  title: 'access-log import (reader + parser) vs bare line-split passes',
  async run(): Promise<SuiteResult> {
    const lines = Number(process.env.RAMPART_BENCH_LOG_LINES ?? 300_000);
    const runs = Math.max(3, Number(process.env.RAMPART_BENCH_RUNS ?? 3));
    const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-logs-'));
    try {
      const rows: Array<Array<string | number>> = [];
      const json: Record<string, unknown> = { lines, runs };
      for (const kind of ['combined', 'envoy'] as const) {
        const file = join(dir, `${kind}.log`);
        const bytes = writeSyntheticLog(file, lines, kind);
        const ours: number[] = [];
        const rl: number[] = [];
        const split: number[] = [];
        for (let r = 0; r < runs; r++) {
          rl.push(await rate(lines, () => readlineCount(file)));
          split.push(await rate(lines, () => indexOfCount(file)));
          ours.push(await rate(lines, () => ingestCount(file)));
        }
        rmSync(file);
        const o = median(ours);
        const b = median(rl);
        const s = median(split);
        rows.push([`${kind}: openSource lines/s`, Math.round(o), Math.round(b), o / b, '>= 150,000 lines/s and >= 0.30 of readline (I2)']);
        rows.push([`${kind}: vs minimal indexOf split`, Math.round(o), Math.round(s), o / s, '(info)']);
        json[kind] = { bytes, linesPerSecond: o, readlineLinesPerSecond: b, indexOfSplitLinesPerSecond: s, ratioVsReadline: o / b, ratioVsIndexOfSplit: o / s };
      }
      return {
        columns: ['measure', 'lines/s', 'baseline lines/s', 'ratio', 'target'],
        rows,
        notes: [
          `synthetic logs: ${lines} lines each, seeded; median of ${runs} runs; one process, one core`,
          'baselines read the same file: `readline` over a read stream (counting non-empty lines), and a chunk decode + indexOf("\\n") loop that does nothing else',
        ],
        json,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
