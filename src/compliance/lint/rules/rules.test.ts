import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../linter.js';
import { OWASP_RULESET } from '../owasp-baseline.js';
import type { VectorDocument } from '../lint-rule.js';
import { RULES } from './index.js';

const OWASP_IDS = new Set(Object.keys(OWASP_RULESET.rules));

/** A linter running only `ruleId` (no baseline), through the real Spectral engine. */
function soloLinter(ruleId: string): Linter {
  const settings = new Map(RULES.filter((r) => r.id !== ruleId).map((r) => [r.id, 'off' as const]));
  return createLinter({ cwd: '/', readRef: () => Promise.reject(new Error('no refs in vectors')), ruleset: { baseline: false, settings, rules: [] } });
}

describe('built-in lint rules', () => {
  it('are listed once each, one file per rule named after its id', () => {
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'vector-spec.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(RULES.map((r) => r.id).sort()).toEqual(files);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has complete metadata', () => {
        expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(['error', 'warn', 'info']).toContain(rule.severity);
        if (rule.owasp !== null) expect(rule.owasp).toMatch(/^API([1-9]|10):2023$/);
        if (rule.cwe !== null) expect(rule.cwe).toMatch(/^CWE-[1-9]\d*$/);
        expect(rule.title.length).toBeGreaterThan(10);
        expect(rule.description.length).toBeGreaterThan(40);
        expect(rule.fix.length).toBeGreaterThan(20);
        for (const o of rule.overlaps ?? []) expect(OWASP_IDS.has(o), `${o} is an OWASP ruleset id`).toBe(true);
        expect(rule.vectors.fire.length).toBeGreaterThan(0);
        expect(rule.vectors.pass.length).toBeGreaterThan(0);
      });

      const linter = soloLinter(rule.id);
      rule.vectors.fire.forEach((v, i) => {
        it(`fires on vector ${i + 1}`, async () => {
          const document = ('document' in v && 'at' in v ? v.document : v) as VectorDocument;
          const result = await linter.lint({ absPath: `/vectors/${rule.id}-fire-${i}.json`, text: JSON.stringify(document, null, 2) });
          const mine = result.findings.filter((f) => f.rule === rule.id);
          expect(mine.length).toBeGreaterThan(0);
          for (const f of mine) {
            expect(f.severity).toBe(rule.severity);
            expect(f.owasp).toBe(rule.owasp);
            expect(f.cwe).toBe(rule.cwe);
            expect(f.location.line).toBeGreaterThan(0);
          }
          if ('at' in v && Array.isArray(v.at)) expect(mine.map((f) => f.location.path).sort()).toEqual([...(v.at as string[])].sort());
        });
      });
      rule.vectors.pass.forEach((v, i) => {
        it(`does not fire on vector ${i + 1}`, async () => {
          const result = await linter.lint({ absPath: `/vectors/${rule.id}-pass-${i}.json`, text: JSON.stringify(v, null, 2) });
          expect(result.findings.filter((f) => f.rule === rule.id).map((f) => `${f.location.path}: ${f.message}`)).toEqual([]);
        });
      });
    });
  }
});
