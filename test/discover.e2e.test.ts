/**
 * `rampart discover` end to end on loopback: a DNS server naming a small organisation, its hosts on ephemeral
 * ports, and an out-of-scope listener that must never be contacted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { createCaptureIo } from '../src/cli/io.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startDiscoveryHosts, type DiscoveryHosts } from './support/discovery-hosts.js';
import { expectGolden } from './support/golden.js';
import { startLoopbackDns, type LoopbackDns } from './support/loopback-dns.js';

interface JsonHost {
  host: string;
  url: string;
  risk: string;
  findings: Array<{ kind: string; severity: string; url: string; message: string }>;
  specs: string[];
  endpoints: Array<{ method: string; url?: string; path: string; source: string; operation?: string }>;
  fingerprint: { server: string[]; frameworks: string[]; gateways: string[]; auth: string[] };
  tls: { enabled: boolean; valid?: boolean; altNames?: string[]; validFrom?: string; validTo?: string };
  cors: { policy: string };
}
interface JsonReport {
  hosts: JsonHost[];
  notes: Array<{ kind: string; target: string; reason: string }>;
  partial: boolean;
}

let org: DiscoveryHosts;
let dns: LoopbackDns;
let dir: string;
let run: { code: number; stdout: string; stderr: string; json: JsonReport };
let table: { code: number; stdout: string; stderr: string };

function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = createCaptureIo(dir);
  return main(['node', 'rampart', ...args], io).then((code) => ({ code, stdout: io.stdout, stderr: io.stderr }));
}

function commonArgs(): string[] {
  return ['--resolver', `127.0.0.1:${dns.port}`, '--wordlist', 'words.txt', ...org.connectTo.flatMap((r) => ['--connect-to', r]), '--rate-limit', '500/s', '--concurrency', '16', '--timeout', '5s'];
}

/** Certificate dates vary by run (ports do not show: URLs keep the ports asked for, --connect-to only redirects sockets). */
function normalise(text: string): string {
  return text.replace(/"valid(From|To)": "[^"]+"/g, '"valid$1": "DATE"');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-discover-'));
  org = await startDiscoveryHosts();
  dns = await startLoopbackDns(Object.fromEntries(org.names.map((n) => [n, '127.0.0.1'])));
  writeFileSync(join(dir, 'words.txt'), '# our own names\nsecure\n');
  const r = await cli(['discover', 'corp.test', ...commonArgs(), '--format', 'json', '--db', 'inv.db']);
  run = { ...r, json: JSON.parse(r.stdout) as JsonReport };
  table = await cli(['discover', 'corp.test', ...commonArgs()]);
});

afterAll(async () => {
  await org?.close();
  await dns?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const host = (name: string): JsonHost => {
  const h = run.json.hosts.find((x) => x.host === name);
  if (!h) throw new Error(`${name} missing from the report: ${run.json.hosts.map((x) => x.host).join(', ')}`);
  return h;
};

describe('rampart discover on a loopback organisation', () => {
  it('exits 0 and reports the hosts that answer, from DNS and the certificate', () => {
    expect(run.code, run.stderr).toBe(0);
    const expected = ['api.corp.test', 'app.corp.test', 'graphql.corp.test', 'www.corp.test'];
    if (org.hosts.secure) expected.push('hidden-gw.corp.test', 'secure.corp.test');
    expect(run.json.hosts.map((h) => h.host)).toEqual(expected.sort());
    expect(run.json.partial).toBe(false);
  });

  it('finds the spec under /v3/api-docs, its operations, and the API prefix with its Bearer challenge', () => {
    const api = host('api.corp.test');
    expect(api.specs).toEqual(['http://api.corp.test/v3/api-docs']);
    const specOps = api.endpoints.filter((e) => e.source === 'spec').map((e) => `${e.method} ${e.path}`);
    expect(specOps.sort()).toEqual(['DELETE /api/orders/{id}', 'GET /api/orders', 'GET /api/orders/{id}', 'POST /api/orders']);
    expect(api.findings.map((f) => f.kind).sort()).toEqual(['api-prefix', 'cleartext-http', 'server-version-disclosed', 'spec-exposed']);
    expect(api.findings.find((f) => f.kind === 'spec-exposed')?.message).toBe('OpenAPI 3.0.3 document "Orders API" with 4 operations is public');
    expect(api.fingerprint.frameworks).toEqual(['Express']);
    expect(api.fingerprint.auth).toEqual(['Bearer']);
    expect(api.risk).toBe('medium');
    expect(api.tls.enabled).toBe(false);
  });

  it('detects the GraphQL endpoint, introspection, and lists its operations', () => {
    const g = host('graphql.corp.test');
    expect(g.findings.map((f) => `${f.severity} ${f.kind}`)).toEqual(['medium cleartext-http', 'medium graphql-introspection', 'info graphql-endpoint']);
    expect(g.endpoints.filter((e) => e.operation).map((e) => e.operation)).toEqual(['mutation createUser', 'query user', 'query users']);
    expect(g.specs).toEqual([]);
  });

  it('finds the hidden API in the web app bundle, resolving constants and template literals', () => {
    const app = host('app.corp.test');
    const js = app.endpoints.filter((e) => e.source === 'js').map((e) => `${e.method} ${e.url ?? e.path}`);
    const base = 'http://app.corp.test';
    expect(js).toEqual([`GET ${base}/api/internal/users`, `DELETE ${base}/api/internal/users/{id}`, 'POST http://outside.other.test/track/events']);
    expect(app.findings.map((f) => f.kind)).toContain('js-api-calls');
  });

  it('reports nothing on the plain website', () => {
    const www = host('www.corp.test');
    expect(www.findings).toEqual([]);
    expect(www.specs).toEqual([]);
    expect(www.endpoints).toEqual([]);
    expect(www.risk).toBe('none');
  });

  it('never contacts the out-of-scope host (JS base URL, redirect, CDN script, certificate name)', () => {
    expect(org.hosts.outside.connections).toBe(0);
    const outsideNotes = run.json.notes.filter((n) => n.kind === 'out-of-scope').map((n) => n.target);
    expect(outsideNotes).toContain('outside.other.test');
    // the redirect from /api/openapi.json was refused, not followed
    expect(org.hosts.app.requests).toContain('GET /api/openapi.json');
  });

  it('reads the self-signed certificate, reports it, and probes the extra in-scope name it carries', () => {
    if (!org.hosts.secure) return expect(org.hosts.secure).toBeUndefined(); // no openssl on this machine
    const s = host('secure.corp.test');
    expect(s.tls.enabled).toBe(true);
    expect(s.tls.valid).toBe(false);
    expect(s.tls.altNames).toEqual(['secure.corp.test', 'hidden-gw.corp.test', 'outside.other.test']);
    expect(s.findings.map((f) => f.kind).sort()).toEqual(['api-prefix', 'tls-certificate-invalid']);
    expect(s.findings.find((f) => f.kind === 'tls-certificate-invalid')?.message).toMatch(/SELF_SIGNED/);
    expect(host('hidden-gw.corp.test').url).toBe('https://hidden-gw.corp.test');
  });

  it('identifies itself in the user-agent', () => {
    expect(org.hosts.api.userAgent).toMatch(/^Rampart-Discovery\/\d+\.\d+\.\d+ \(\+https:\/\/\S+; authorised testing\)$/);
  });

  it('feeds the inventory: spec operations and outside-only endpoints, with their source, and the spec as a comparison target', () => {
    const store = openSqliteStore(join(dir, 'inv.db'));
    try {
      const eps = store.listEndpoints().map((r) => r.endpoint);
      const apiHost = 'api.corp.test';
      const apiEps = eps.filter((e) => e.host === apiHost).map((e) => `${e.method} ${e.path} ${e.status}`);
      expect(apiEps.sort()).toEqual(['DELETE /api/orders/{id} zombie', 'GET /api/orders orphan', 'GET /api/orders/{id} orphan', 'POST /api/orders orphan']);
      expect(eps.every((e) => e.sources.includes('discovery'))).toBe(true);
      const appHost = 'app.corp.test';
      expect(eps.filter((e) => e.host === appHost).map((e) => `${e.method} ${e.path} ${e.status}`).sort()).toEqual([
        'DELETE /api/internal/users/{id} shadow',
        'GET /api/internal/users shadow',
      ]);
      expect(store.listSpecs().map((s) => s.file)).toEqual(['http://api.corp.test/v3/api-docs']);
    } finally {
      store.close();
    }
  });

  it('matches the golden JSON and table', () => {
    // the golden files include the TLS hosts: they need a certificate, made with openssl
    if (!org.hosts.secure) return;
    expectGolden('discover/corp.json', normalise(run.stdout));
    expect(table.code).toBe(0);
    expectGolden('discover/corp.txt', normalise(table.stdout));
  });
});

describe('rampart discover scope', () => {
  it('contacts nothing when the scope networks exclude the addresses DNS gives', async () => {
    writeFileSync(join(dir, 'scope.txt'), '*.corp.test\n10.0.0.0/8  # the corporate network only\n');
    const before = Object.values(org.hosts).map((h) => h.connections);
    const r = await cli(['discover', 'corp.test', ...commonArgs(), '--scope', 'scope.txt', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const after = Object.values(org.hosts).map((h) => h.connections);
    expect(after).toEqual(before);
    const json = JSON.parse(r.stdout) as JsonReport;
    expect(json.hosts).toEqual([]);
    expect(json.notes.some((n) => n.kind === 'out-of-scope' && n.reason.includes('outside the scope'))).toBe(true);
  });

  it('skips excluded hosts entirely', async () => {
    writeFileSync(join(dir, 'scope2.txt'), '*.corp.test\n!graphql.corp.test\n');
    const before = org.hosts.graphql.connections;
    const r = await cli(['discover', 'corp.test', ...commonArgs(), '--scope', 'scope2.txt', '--format', 'json', '--no-subdomains']);
    expect(r.code, r.stderr).toBe(0);
    const r2 = await cli(['discover', 'graphql.corp.test:80', ...commonArgs(), '--scope', 'scope2.txt', '--format', 'json']);
    expect(r2.code).toBe(0);
    expect((JSON.parse(r2.stdout) as JsonReport).hosts).toEqual([]);
    expect(org.hosts.graphql.connections).toBe(before);
  });

  it('rejects a malformed scope file with its line and the fix', async () => {
    writeFileSync(join(dir, 'bad-scope.txt'), 'api.corp.test\n10.0.0.0/99\n');
    const r = await cli(['discover', 'corp.test', '--scope', 'bad-scope.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: bad-scope\.txt:2: "10\.0\.0\.0\/99": not a valid CIDR network \(address\/bits\) \[E_SCOPE_INVALID\] — /);
  });

  it('rejects bad targets and flags with a one-line error', async () => {
    expect((await cli(['discover', 'ftp://x.test'])).stderr).toMatch(/E_TARGET_INVALID/);
    expect((await cli(['discover'])).stderr).toMatch(/no target/);
    expect((await cli(['discover', 'x.test', '--rate-limit', 'fast'])).stderr).toMatch(/--rate-limit "fast": expected requests per second/);
    expect((await cli(['discover', 'x.test', '--connect-to', 'nonsense'])).code).toBe(2);
    expect((await cli(['discover', 'x.test', '--hosts', 'missing.txt'])).stderr).toMatch(/^rampart: missing\.txt: --hosts: cannot read the file \(ENOENT\) \[E_INPUT_NOT_FOUND\]/);
  });
});
