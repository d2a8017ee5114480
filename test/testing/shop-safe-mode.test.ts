/**
 * The default run against the vulnerable demo shop is non-destructive: no PUT, PATCH or DELETE reaches the
 * server, intrusive tests are skipped with the reason, and every non-intrusive planted flaw is still found.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createShopApp } from '../../src/demo/shop/create-shop.js';
import { PLANTED_FLAWS, type PlantedFlaw } from '../../src/demo/shop/planted-flaws.js';
import { BUILTIN_CHECKS } from '../../src/testing/checks/index.js';
import { runTests } from '../../src/testing/run-tests.js';
import type { TestFinding, TestReport } from '../../src/testing/test-report.js';
import { FAST_TUNING, startShopTarget } from './shop-fixture.js';

function found(report: TestReport, flaw: PlantedFlaw): TestFinding | undefined {
  return report.findings.find((f) => f.test === flaw.test && f.owasp === flaw.owasp && (!flaw.method || f.method === flaw.method) && (!flaw.path || f.path === flaw.path));
}

describe('the default run is non-destructive', () => {
  it('sends no PUT, PATCH or DELETE, skips intrusive tests, and still finds the safe flaws', async () => {
    const target = await startShopTarget(true);
    await target.shop.close();
    const app = createShopApp({ vulnerable: true });
    const methods = new Set<string>();
    const server = http.createServer((req, res) => {
      methods.add(req.method ?? '');
      app.handle(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const identities = target.identities.filter((i) => i.name !== 'old');
      const report = await runTests({ api: target.api, target: url, identities, checks: BUILTIN_CHECKS, tuning: FAST_TUNING });
      expect([...methods].filter((m) => m === 'PUT' || m === 'PATCH' || m === 'DELETE')).toEqual([]);
      expect(report.checks.filter((c) => c.intrusive).every((c) => c.status === 'skipped' && /include-intrusive/.test(c.reason ?? ''))).toBe(true);
      const safe = PLANTED_FLAWS.filter((f) => !f.intrusive && f.test !== 'auth-expired-token');
      const missing = safe.filter((f) => !found(report, f)).map((f) => `${f.test} ${f.path ?? ''}`);
      expect(missing).toEqual([]);
    } finally {
      server.closeAllConnections();
      server.close();
      app.close();
    }
  }, 60_000);
});
