/**
 * Runs the ReDoS checker (recheck, automaton mode) over every regular expression of the signature engine and
 * records the verdicts in `src/detect/signatures/redos-verified.json`. The ReDoS test re-checks every pattern
 * missing from that file (and a sample of those in it), so a new or changed pattern is always checked in CI.
 * `npx tsx scripts/verify-signature-patterns.ts` after changing patterns keeps the test fast.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { projectRoot } from '../test/support/shared-corpora.js';
import { signaturePatterns } from '../test/support/regex-inventory.js';

export const RECHECK_OPTIONS = { checker: 'automaton', timeout: 60_000 } as const;

type Entry = { source: string; flags: string; origin: string; status: string; ms: number };
const file = join(projectRoot, 'src', 'detect', 'signatures', 'redos-verified.json');
// `--all` re-checks everything; by default recorded safe verdicts of unchanged patterns are kept
const previous: Record<string, Entry> = !process.argv.includes('--all') && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, Entry> }).entries : {};
const entries: Record<string, Entry> = {};
let failed = 0;
for (const p of signaturePatterns()) {
  const old = previous[p.key];
  if (old && old.status === 'safe' && old.source === p.source && old.flags === p.flags) {
    entries[p.key] = { ...old, origin: p.origin };
    continue;
  }
  const t = Date.now();
  const r = checkSync(p.source, p.flags, RECHECK_OPTIONS);
  const ms = Date.now() - t;
  entries[p.key] = { source: p.source, flags: p.flags, origin: p.origin, status: r.status, ms };
  if (r.status !== 'safe') {
    failed++;
    console.log(`${r.status}: ${p.origin} /${p.source.slice(0, 100)}/`);
  }
}
const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(file, `${JSON.stringify({ checker: 'recheck 4.5.0 automaton', entries: sorted }, null, 1)}\n`);
console.log(`${Object.keys(entries).length} patterns, ${failed} not safe; written ${file}`);
process.exitCode = failed ? 1 : 0;
