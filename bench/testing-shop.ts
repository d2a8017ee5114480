/**
 * `npm run eval -- testing`: `rampart test` against the demo shop, back to back in one process — the vulnerable
 * twin (every planted flaw must be found: recall), the hardened twin (every finding is a false positive), both with
 * --include-intrusive and with the production defaults for delays and bursts, plus the safe default run on the
 * vulnerable twin. Also measures the runner's request rate against a bare loop of the same GETs on the same
 * server (the baseline), so its overhead is a ratio measured in the same run.
 */
import http from 'node:http';
import { SHOP_ACCOUNTS, SHOP_SPEC_FILE, startShop, type RunningShop } from '../src/demo/shop/create-shop.js';
import { PLANTED_FLAWS } from '../src/demo/shop/planted-flaws.js';
import { loadSpec } from '../src/spec/index.js';
import { BUILTIN_CHECKS, parseAuthFile, runTests, type TestReport } from '../src/testing/index.js';
import type { Suite, SuiteResult } from './harness.js';
import { median } from './harness.js';

function auth(shop: RunningShop): string {
  const pw = (email: string) => SHOP_ACCOUNTS.find((a) => a.email === email)!.password;
  const login = (who: string) => `{ path: /api/v2/auth/login, json: { email: ${who}@shop.example, password: ${pw(`${who}@shop.example`)} }, token: { json: $.token } }`;
  return `identities:\n  alice:\n    login: ${login('alice')}\n  bob:\n    login: ${login('bob')}\n  admin:\n    login: ${login('admin')}\n  old:\n    expired: true\n    headers: { Authorization: "Bearer ${shop.app.mintToken('carol@shop.example', -60)}" }\n`;
}

interface Run {
  readonly name: string;
  readonly report: TestReport;
  readonly seconds: number;
}

async function run(name: string, vulnerable: boolean, includeIntrusive: boolean): Promise<Run> {
  const shop = await startShop({ vulnerable });
  try {
    const api = (await loadSpec(SHOP_SPEC_FILE)).description;
    const t0 = performance.now();
    const report = await runTests({ api, target: shop.url, identities: parseAuthFile(auth(shop), 'auth.yaml', {}), checks: BUILTIN_CHECKS, includeIntrusive });
    return { name, report, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await shop.close();
  }
}

/** Requests per second of a bare sequential GET loop (keep-alive) against the shop: the baseline. */
async function bareRate(n: number): Promise<number> {
  const shop = await startShop({ vulnerable: false });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${shop.url}/api/v2/products/${(i % 200) + 1}`, { agent }, (r) => {
            r.resume();
            r.on('end', () => resolve());
          })
          .on('error', reject);
      });
    }
    return n / ((performance.now() - t0) / 1000);
  } finally {
    agent.destroy();
    await shop.close();
  }
}

function found(report: TestReport): { found: number; missed: string[] } {
  const missed: string[] = [];
  let n = 0;
  for (const f of PLANTED_FLAWS) {
    if (!report.options.includeIntrusive && f.intrusive) continue;
    if (report.options.identities.includes('old') === false && f.test === 'auth-expired-token') continue;
    const hit = report.findings.some((x) => x.test === f.test && x.owasp === f.owasp && (!f.method || x.method === f.method) && (!f.path || x.path === f.path));
    if (hit) n++;
    else missed.push(`${f.test} ${f.method ?? ''} ${f.path ?? ''}`.trim());
  }
  return { found: n, missed };
}

export const testingShopEval: Suite = {
  name: 'testing-shop',
  kind: 'eval',
  title: 'rampart test against the demo shop: planted flaws found (vulnerable), false positives (hardened), requests and time',
  async run(): Promise<SuiteResult> {
    const runs = [await run('vulnerable, --include-intrusive', true, true), await run('hardened, --include-intrusive', false, true), await run('vulnerable, default (safe)', true, false)];
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) rates.push(await bareRate(400));
    const bare = median(rates);
    const rows = runs.map((r) => {
      const planted = r.name.startsWith('vulnerable') ? found(r.report) : undefined;
      const expected = planted ? planted.found + planted.missed.length : 0;
      const rate = r.report.summary.requests / r.seconds;
      return [
        r.name,
        planted ? `${planted.found}/${expected}` : '—',
        r.name.startsWith('hardened') ? r.report.findings.length : '—',
        r.report.findings.length,
        r.report.summary.unconfirmed,
        r.report.summary.requests,
        Math.round(r.seconds * 10) / 10,
        Math.round(rate),
        Math.round((rate / bare) * 100) / 100,
      ];
    });
    const vuln = found(runs[0]!.report);
    return {
      columns: ['run', 'planted found', 'false positives', 'findings', 'dropped by replay', 'requests', 'seconds', 'requests/s', 'rate vs bare GET loop'],
      rows,
      notes: [
        `bare sequential keep-alive GET loop on the same shop: ${Math.round(bare)} requests/s (median of 3 × 400)`,
        'production defaults: 2 s time-based delay, 50-request bursts, 1 MiB oversized bodies; the hardened twin rate-limits logins, so the runner waits on Retry-After there',
        vuln.missed.length ? `missed on the vulnerable twin: ${vuln.missed.join(', ')}` : 'every planted flaw was found on the vulnerable twin',
      ],
      json: {
        bareRequestsPerSecond: bare,
        runs: runs.map((r) => ({
          name: r.name,
          seconds: r.seconds,
          requests: r.report.summary.requests,
          findings: r.report.findings.length,
          bySeverity: r.report.summary.findings,
          unconfirmed: r.report.summary.unconfirmed,
          throttledMs: r.report.summary.throttledMs,
          ...(r.name.startsWith('vulnerable') ? { planted: found(r.report) } : { falsePositives: r.report.findings.map((f) => `${f.test} ${f.method} ${f.path}`) }),
        })),
      },
    };
  },
};
