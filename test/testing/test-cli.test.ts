/**
 * `rampart test` in-process: usage and input errors give one line with the location and the fix (exit 2),
 * findings at the gate exit 1, reports go to --out, user tests and --identity flags work end to end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_SPEC_FILE, startShop, type RunningShop } from '../../src/demo/shop/create-shop.js';
import { main } from '../../src/cli/main.js';
import { createCaptureIo } from '../../src/cli/io.js';
import { SHOP_ENV, shopAuthFile } from './shop-fixture.js';

let dir: string;
let shop: RunningShop;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-test-cli-'));
  shop = await startShop({ vulnerable: true });
  writeFileSync(join(dir, 'auth.yaml'), shopAuthFile(shop.app.mintToken('carol@shop.example', -60)));
});
afterAll(async () => {
  await shop.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rampart(...args: string[]) {
  const io = createCaptureIo(dir, { ...SHOP_ENV });
  const code = await main(['node', 'rampart', 'test', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('rampart test (CLI)', () => {
  it('usage errors: no spec, bad flags, unknown test ids', async () => {
    expect(await rampart('--target', shop.url)).toMatchObject({ code: 2, stderr: expect.stringContaining('give --spec FILE, or --from-inventory --db FILE') });
    expect((await rampart('--spec', SHOP_SPEC_FILE, '--target', 'ftp://x')).stderr).toMatch(/--target must be an http:\/\/ or https:\/\/ URL .*\[E_USAGE\]/);
    expect((await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--rate-limit', 'fast')).stderr).toContain('--rate-limit expects a rate such as 10/s');
    expect((await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--max-duration', 'soon')).stderr).toContain('--max-duration expects a duration');
    const unknown = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--only', 'bola-read,nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--only: unknown test id nope \[E_USAGE\] — test ids are: bola-read, /);
    expect((await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--identity', 'alice')).stderr).toContain('NAME=HEADER:VALUE');
    expect((await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--from-inventory')).stderr).toContain('--from-inventory needs --db FILE');
  });

  it('input errors: a bad spec, an unreachable target, a login that fails, a bad auth file', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.0.3\npaths: [\n');
    const bad = await rampart('--spec', 'bad.yaml', '--target', shop.url);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rampart: .*bad\.yaml.*\[E_SPEC_PARSE\]/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);

    const missing = await rampart('--spec', 'nope.yaml', '--target', shop.url);
    expect(missing.stderr).toMatch(/\[E_INPUT_NOT_FOUND\]/);

    const down = await rampart('--spec', SHOP_SPEC_FILE, '--target', 'http://127.0.0.1:1');
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^rampart: http:\/\/127\.0\.0\.1:1: connection refused \(127\.0\.0\.1:1\) \[E_TARGET_UNREACHABLE\] — check --target/);

    writeFileSync(join(dir, 'wrong.yaml'), 'identities:\n  alice:\n    login: { path: /api/v2/auth/login, json: { email: alice@shop.example, password: nope-nope }, token: { json: $.token } }\n');
    const login = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--auth', 'wrong.yaml');
    expect(login.code).toBe(2);
    expect(login.stderr).toBe('rampart: POST /api/v2/auth/login: identity "alice": the login request answered 401 [E_LOGIN_FAILED] — check the identity\'s credentials and login request in the auth file, and where its token is read from (token.json, token.header or token.cookie)\n');

    writeFileSync(join(dir, 'broken.yaml'), 'identities:\n  alice:\n    logn: {}\n');
    const auth = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--auth', 'broken.yaml');
    expect(auth.stderr).toMatch(/^rampart: broken\.yaml:3: identities\.alice\.logn: unknown key "logn".*\[E_AUTH_FILE_INVALID\]/);
  });

  it('finds, gates (exit 1) and writes JSON to --out; --fail-on none exits 0', async () => {
    const r = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--auth', 'auth.yaml', '--only', 'bola-read,jwt-alg-none,server-banner', '--format', 'json', '--out', 'report.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^rampart test: \d+ findings; report written to report\.json\n$/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: Array<{ test: string; owasp: string; path: string; specLocation?: { line: number } }>; checks: unknown[] };
    expect(report.checks).toHaveLength(3);
    expect(report.findings.map((f) => f.test).sort()).toEqual(['bola-read', 'bola-read', 'bola-read', 'jwt-alg-none', 'server-banner']);
    expect(report.findings.find((f) => f.path === '/orders/{orderId}')?.specLocation?.line).toBeGreaterThan(100);
    const none = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--auth', 'auth.yaml', '--only', 'server-banner', '--fail-on', 'none', '--quiet');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('server-banner');
  });

  it('runs user tests and takes identities from --identity', async () => {
    writeFileSync(
      join(dir, 'mine.yaml'),
      'tests:\n  - id: acme-powered-by\n    owasp: API8:2023\n    cwe: CWE-497\n    severity: medium\n    select: { methods: [GET], paths: ["/products"] }\n    attack: { setHeaders: { X-Probe: "1" } }\n    fireWhen: { status: 2xx, headerPresent: [x-powered-by] }\n',
    );
    const token = shop.app.mintToken('alice@shop.example');
    const r = await rampart('--spec', SHOP_SPEC_FILE, '--target', shop.url, '--identity', `alice=Authorization:Bearer ${token}`, '--tests', 'mine.yaml', '--only', 'acme-powered-by,jwt-alg-none', '--fail-on', 'medium');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MEDIUM  acme-powered-by  API8:2023 CWE-497  GET /products');
    expect(r.stdout).toContain('CRITICAL  jwt-alg-none');
    expect(r.stdout).not.toContain(token);
  });
});

describe('rampart test --from-inventory', () => {
  it('tests endpoints learned from traffic (no spec needed), with their captured samples', async () => {
    const { openSqliteStore } = await import('../../src/store/sqlite/sqlite-store.js');
    const { endpointFixture } = await import('../support/store-contract.js');
    const host = new URL(shop.url).host;
    const db = join(dir, 'inventory.db');
    const store = openSqliteStore(db);
    store.putEndpoints([
      { endpoint: endpointFixture({ method: 'GET', host, path: '/api/v2/stats/summary', status: 'shadow', auth: [{ kind: 'bearer-jwt', count: 4 }], samples: [{ time: 1, method: 'GET', target: '/api/v2/stats/summary', requestHeaders: [] }] }), state: null },
      { endpoint: endpointFixture({ method: 'GET', host: 'elsewhere.example', path: '/x' }), state: null },
    ]);
    store.close();
    const r = await rampart('--from-inventory', '--db', 'inventory.db', '--target', `${shop.url}/api/v2`, '--auth', 'auth.yaml', '--only', 'auth-missing', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 inventory endpoint of other hosts or outside the base path left out');
    const report = JSON.parse(r.stdout) as { summary: { operations: number }; findings: Array<{ test: string; path: string; source: string }> };
    expect(report.summary.operations).toBe(1);
    expect(report.findings).toMatchObject([{ test: 'auth-missing', path: '/stats/summary', source: 'inventory' }]);
  });
});
