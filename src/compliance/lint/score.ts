/**
 * The 0–100 score of one API from its findings (formula documented in docs/lint.md):
 *
 *   rule penalty     = weight(severity) × (1 + log2(n))      n = findings of the rule in this API
 *   category penalty = min(cap, Σ rule penalties)            cap = 25 per OWASP category, 10 for governance
 *   score            = max(0, round(100 − Σ category penalties))
 *
 * with weight error 10, warn 3, info 1. Repeats of one rule count logarithmically (one missing bound repeated
 * over 200 fields is one design habit, not 200 flaws); the cap keeps one category from hiding all others.
 */
import type { Finding, LintSeverity } from '../../core/index.js';

export const SEVERITY_WEIGHT: Readonly<Record<LintSeverity, number>> = { error: 10, warn: 3, info: 1 };
export const OWASP_CATEGORY_CAP = 25;
export const GOVERNANCE_CAP = 10;
/** Category of findings without an OWASP mapping. */
export const GOVERNANCE = 'governance';

export interface CategoryScore {
  /** `API1:2023` … `API10:2023`, or `governance`. */
  readonly category: string;
  readonly error: number;
  readonly warn: number;
  readonly info: number;
  /** Points taken off the score by this category (after the cap). */
  readonly penalty: number;
}

export interface ScoreBreakdown {
  readonly score: number;
  readonly bySeverity: Readonly<Record<LintSeverity, number>>;
  /** Categories with findings, in OWASP order then governance. */
  readonly categories: readonly CategoryScore[];
}

function categoryRank(c: string): number {
  const m = /^API(\d+):/.exec(c);
  return m ? Number(m[1]) : 99;
}

/** Scores one API from its findings. */
export function scoreFindings(findings: readonly Finding<LintSeverity>[]): ScoreBreakdown {
  const bySeverity: Record<LintSeverity, number> = { error: 0, warn: 0, info: 0 };
  const cats = new Map<string, { error: number; warn: number; info: number; rules: Map<string, { n: number; severity: LintSeverity }> }>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const category = f.owasp ?? GOVERNANCE;
    let c = cats.get(category);
    if (!c) cats.set(category, (c = { error: 0, warn: 0, info: 0, rules: new Map() }));
    c[f.severity]++;
    const r = c.rules.get(f.rule);
    if (r) {
      r.n++;
      if (SEVERITY_WEIGHT[f.severity] > SEVERITY_WEIGHT[r.severity]) r.severity = f.severity;
    } else c.rules.set(f.rule, { n: 1, severity: f.severity });
  }
  const categories: CategoryScore[] = [];
  let total = 0;
  for (const [category, c] of cats) {
    let raw = 0;
    for (const r of c.rules.values()) raw += SEVERITY_WEIGHT[r.severity] * (1 + Math.log2(r.n));
    const penalty = Math.round(Math.min(category === GOVERNANCE ? GOVERNANCE_CAP : OWASP_CATEGORY_CAP, raw) * 10) / 10;
    total += penalty;
    categories.push({ category, error: c.error, warn: c.warn, info: c.info, penalty });
  }
  categories.sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
  return { score: Math.max(0, Math.round(100 - total)), bySeverity, categories };
}
