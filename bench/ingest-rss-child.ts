/**
 * Child process of the ingest memory benchmark: streams one file through `openSource` and prints, as JSON,
 * the resident set size before and at its peak (sampled every 500 events), the events seen and the time.
 * Run: `node --import tsx bench/ingest-rss-child.ts FILE`.
 */
import { openSource } from '../src/ingest/index.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: ingest-rss-child.ts FILE');
  process.exit(2);
}
const rssStart = process.memoryUsage.rss();
let rssPeak = rssStart;
let exchanges = 0;
let skipped = 0;
let n = 0;
const started = performance.now();
const src = await openSource(file);
for await (const e of src.events) {
  if (e.kind === 'exchange') exchanges++;
  else if (e.kind === 'skipped') skipped++;
  if (++n % 500 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
}
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
console.log(JSON.stringify({ rssStart, rssPeak, exchanges, skipped, seconds: (performance.now() - started) / 1000 }));
