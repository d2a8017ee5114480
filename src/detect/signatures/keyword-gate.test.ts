import { describe, expect, it } from 'vitest';
import { createRandom } from '../../core/seeded-random.js';
import { createKeywordGate } from './keyword-gate.js';
import { BUILTIN_RULES } from './rules/index.js';
import { isRequestRule, type ValueRule } from './types.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The plain answer the gate must give: one case-insensitive alternation over the keywords. */
const reference = (keywords: readonly string[]) => new RegExp(keywords.map((k) => escape(k.toLowerCase())).join('|'), 'i');

const valueRules = BUILTIN_RULES.filter((r) => !isRequestRule(r)) as ValueRule[];
const KEYWORDS = [...new Set(valueRules.flatMap((r) => r.keywords ?? []))];

describe('createKeywordGate', () => {
  it('finds keywords case-insensitively anywhere in a value, including two-character ones', () => {
    const gate = createKeywordGate(['union', 'sleep', 'if', '-e', 'mysql.']);
    expect(gate('1 UNION select')).toBe(true);
    expect(gate('x Sleep(1)')).toBe(true);
    expect(gate('IF')).toBe(true);
    expect(gate('nc -E sh')).toBe(true);
    expect(gate('from MySQL.user')).toBe(true);
    expect(gate('Field Guide Volume 3')).toBe(false);
    expect(gate('mysql')).toBe(false);
    expect(gate('')).toBe(false);
    expect(gate('i')).toBe(false);
  });

  it('sends values with non-ASCII characters to the regex (non-ASCII keywords, case-folded)', () => {
    const gate = createKeywordGate(['¬í', 'union']);
    expect(gate('x¬Í')).toBe(true);
    expect(gate('ünion')).toBe(false);
    expect(gate('üUNION')).toBe(true);
  });

  it('answers exactly as the plain alternation on rule vectors and on random values (built-in keywords)', () => {
    const gate = createKeywordGate(KEYWORDS);
    const re = reference(KEYWORDS);
    const samples: string[] = [];
    for (const r of valueRules) for (const v of [...r.vectors.fire, ...r.vectors.noFire]) samples.push(typeof v === 'string' ? v : v.value);
    const rnd = createRandom(7);
    const pieces = [...KEYWORDS.map((k) => k.slice(0, Math.max(1, k.length - 1))), ...KEYWORDS.map((k) => k.toUpperCase()), 'a', 'Z', ' ', '-', '.', '_', '1', 'é', 'ſ', 'K', '\u0130', '%'];
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = 1 + Math.floor(rnd() * 6);
      for (let k = 0; k < n; k++) s += pieces[Math.floor(rnd() * pieces.length)];
      samples.push(s);
    }
    let positives = 0;
    for (const s of samples) {
      const want = re.test(s);
      if (want) positives++;
      expect(gate(s), JSON.stringify(s)).toBe(want);
    }
    // both answers occur, so the comparison means something
    expect(positives).toBeGreaterThan(1000);
    expect(samples.length - positives).toBeGreaterThan(1000);
  });

  it('falls back to the regex alone when a keyword has a single character', () => {
    const gate = createKeywordGate(['x', 'union']);
    expect(gate('box')).toBe(true);
    expect(gate('bo')).toBe(false);
  });
});
