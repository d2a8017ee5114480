import { describe, expect, it } from 'vitest';
import type { Finding, LintSeverity } from '../../core/index.js';
import { scoreFindings } from './score.js';

const f = (rule: string, severity: LintSeverity, owasp: string | null): Finding<LintSeverity> => ({ rule, severity, owasp, cwe: null, message: '' });

describe('scoreFindings', () => {
  it('is 100 without findings', () => {
    expect(scoreFindings([])).toEqual({ score: 100, bySeverity: { error: 0, warn: 0, info: 0 }, categories: [] });
  });

  it('weighs severities and counts repeats of a rule logarithmically', () => {
    expect(scoreFindings([f('a', 'error', 'API1:2023')]).score).toBe(90);
    expect(scoreFindings([f('a', 'warn', 'API1:2023')]).score).toBe(97);
    expect(scoreFindings([f('a', 'info', 'API1:2023')]).score).toBe(99);
    // 4 findings of one warn rule: 3 × (1 + log2 4) = 9
    expect(scoreFindings(Array.from({ length: 4 }, () => f('a', 'warn', 'API4:2023'))).score).toBe(91);
  });

  it('caps each category: 25 for OWASP categories, 10 for governance', () => {
    const many = Array.from({ length: 64 }, (_, i) => f(`r${i % 8}`, 'error', 'API2:2023'));
    const gov = Array.from({ length: 64 }, (_, i) => f(`g${i % 8}`, 'error', null));
    const s = scoreFindings([...many, ...gov]);
    expect(s.score).toBe(65);
    expect(s.categories).toEqual([
      { category: 'API2:2023', error: 64, warn: 0, info: 0, penalty: 25 },
      { category: 'governance', error: 64, warn: 0, info: 0, penalty: 10 },
    ]);
    expect(s.bySeverity).toEqual({ error: 128, warn: 0, info: 0 });
  });

  it('never goes below 0 and orders categories API1..API10 then governance', () => {
    const all = [10, 9, 8, 4, 2, 1].map((n) => Array.from({ length: 8 }, (_, i) => f(`r${n}-${i}`, 'error', `API${n}:2023`))).flat();
    const s = scoreFindings([f('g', 'info', null), ...all]);
    expect(s.score).toBe(0);
    expect(s.categories.map((c) => c.category)).toEqual(['API1:2023', 'API2:2023', 'API4:2023', 'API8:2023', 'API9:2023', 'API10:2023', 'governance']);
  });
});
