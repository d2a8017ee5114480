/**
 * ReDoS safety: every regular expression of the signature engine (rule patterns, detector and transform
 * internals) must be linear-time. recheck (automaton mode) proves it; its verdicts are recorded in
 * `redos-verified.json` by `scripts/verify-signature-patterns.ts`. This test re-checks every pattern that is
 * not recorded as safe under its exact source, re-checks a rotating sample of recorded ones, and runs cheap
 * structural checks on all of them. The 64 KB adversarial timings live in `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { signaturePatterns } from '../../../test/support/regex-inventory.js';

const verified = JSON.parse(readFileSync(new URL('./redos-verified.json', import.meta.url), 'utf8')) as { entries: Record<string, { source: string; flags: string; status: string; ms: number }> };
const patterns = signaturePatterns();
const OPTIONS = { checker: 'automaton', timeout: 60_000 } as const;

describe('ReDoS checker', () => {
  it('flags exponential and polynomial patterns and passes linear ones (the checker works here)', () => {
    expect(checkSync('^(a+)+$', '', OPTIONS).status).toBe('vulnerable');
    expect(checkSync('\\s*x\\s*=', '', OPTIONS).status).toBe('vulnerable');
    expect(checkSync('\\bunion\\s{1,4}select\\b', 'i', OPTIONS).status).toBe('safe');
  });
});

describe('signature patterns', () => {
  it('are all found (rules, exports and literals)', () => {
    expect(patterns.length).toBeGreaterThan(150);
  });

  it('use no backreferences, lookbehinds or unbounded nested quantifiers', () => {
    for (const p of patterns) {
      expect(/\\[1-9]|\\k</.test(p.source), `${p.origin}: backreference`).toBe(false);
      expect(/\(\?<[=!]/.test(p.source), `${p.origin}: lookbehind`).toBe(false);
      // a group quantified with * + or {n,} must not itself contain * + or {n,} (escapes and classes blanked first)
      const shape = p.source.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, '_');
      expect(/\([^()]*(?:[*+]|\{\d+,\})[^()]*\)(?:[*+]|\{\d+,\})/.test(shape), `${p.origin}: nested unbounded quantifier`).toBe(false);
    }
  });

  const unverified = patterns.filter((p) => verified.entries[p.key]?.status !== 'safe' || verified.entries[p.key]?.source !== p.source);
  it.each(unverified.map((p) => [p.origin, p] as const))('new or changed pattern %s is linear-time (recheck)', (_o, p) => {
    expect(checkSync(p.source, p.flags, OPTIONS).status, `/${p.source}/${p.flags} — run scripts/verify-signature-patterns.ts`).toBe('safe');
  });

  // a rotating sample of recorded verdicts is re-checked, so the record cannot drift from the checker
  const cheap = patterns.filter((p) => !unverified.includes(p) && (verified.entries[p.key]?.ms ?? Infinity) < 1500);
  const day = Math.floor(Date.now() / 86_400_000);
  const sample = cheap.length ? [0, 1, 2, 3].map((i) => cheap[(day * 7 + i * 31) % cheap.length] as (typeof cheap)[number]) : [];
  it.each(sample.map((p) => [p.origin, p] as const))('recorded verdict of %s still holds', (_o, p) => {
    expect(checkSync(p.source, p.flags, OPTIONS).status).toBe('safe');
  });
});
