/**
 * End to end against the demo shop: the vulnerable twin must yield every planted flaw with the right test id,
 * OWASP category and operation; the hardened twin must yield none (both with --include-intrusive). The safe
 * default is tested in shop-safe-mode.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED_FLAWS, type PlantedFlaw } from '../../src/demo/shop/planted-flaws.js';
import { BUILTIN_CHECKS } from '../../src/testing/checks/index.js';
import { runTests } from '../../src/testing/run-tests.js';
import type { TestFinding, TestReport } from '../../src/testing/test-report.js';
import { FAST_TUNING, startShopTarget, type ShopTarget } from './shop-fixture.js';

function found(report: TestReport, flaw: PlantedFlaw): TestFinding | undefined {
  return report.findings.find((f) => f.test === flaw.test && f.owasp === flaw.owasp && (!flaw.method || f.method === flaw.method) && (!flaw.path || f.path === flaw.path));
}

describe('rampart test against the demo shop', () => {
  let vulnerable: ShopTarget;
  let hardened: ShopTarget;
  let vulnerableReport: TestReport;
  let hardenedReport: TestReport;

  beforeAll(async () => {
    [vulnerable, hardened] = await Promise.all([startShopTarget(true), startShopTarget(false)]);
    const run = (t: ShopTarget) => runTests({ api: t.api, target: t.shop.url, identities: t.identities, checks: BUILTIN_CHECKS, includeIntrusive: true, tuning: FAST_TUNING });
    vulnerableReport = await run(vulnerable);
    hardenedReport = await run(hardened);
  }, 120_000);

  afterAll(async () => {
    await vulnerable?.shop.close();
    await hardened?.shop.close();
  });

  it.each(PLANTED_FLAWS.map((f) => [`${f.test} ${f.method ?? ''} ${f.path ?? '(API-wide)'}`, f] as const))('finds the planted flaw %s', (_name, flaw) => {
    const f = found(vulnerableReport, flaw);
    expect(f, `${flaw.what}: not found; findings: ${vulnerableReport.findings.map((x) => `${x.test} ${x.method} ${x.path}`).join(', ')}`).toBeDefined();
    expect(f!.cwe).toMatch(/^CWE-\d+$/);
    expect(f!.curl).toMatch(/^curl /);
    expect(f!.evidence.length).toBeGreaterThan(0);
  });

  it('reports every finding with evidence that never shows an identity credential in clear', () => {
    const text = JSON.stringify(vulnerableReport.findings);
    for (const pw of ['alice-demo-pass', 'bob-demo-pass', 'admin-demo-pass']) expect(text).not.toContain(pw);
    // real tokens (RS256, from logins) never appear; forged ones may (they are the evidence)
    const realTokens = text.match(/eyJhbGciOiJSUzI1Ni[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{20,}/g) ?? [];
    expect(realTokens).toEqual([]);
    expect(text).toContain('[REDACTED:alice token]');
  });

  it('finds nothing in the hardened twin, and every test ran or said why not', () => {
    expect(hardenedReport.findings.map((f) => `${f.test} ${f.method} ${f.path}: ${f.message}`)).toEqual([]);
    const ran = hardenedReport.checks.filter((c) => c.status === 'passed').map((c) => c.id);
    expect(ran.length).toBeGreaterThanOrEqual(30);
    for (const c of hardenedReport.checks) if (c.status === 'skipped') expect(c.reason).toBeTruthy();
  });

  it('the hardened twin throttled the run and the runner waited instead of failing', () => {
    expect(hardenedReport.summary.requests).toBeGreaterThan(500);
    expect(vulnerableReport.summary.throttledMs).toBe(0);
  });
});
