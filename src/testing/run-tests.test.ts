import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDescription, ApiOperation } from '../core/index.js';
import type { Check } from './check.js';
import { runTests, type RunEvent } from './run-tests.js';
import { isSuccess } from './test-request.js';

let server: http.Server;
let url: string;
let flaky = 0;
const methods: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    methods.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('{}'), 60);
      if (req.url?.startsWith('/flaky')) {
        // the learning phase asks once; the probe's first try fails, its replay does not
        res.writeHead(++flaky === 2 ? 500 : 200, { 'content-type': 'application/json' });
        return res.end('{}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const op = (method: string, path: string): ApiOperation => ({ method, path, tags: [], deprecated: false, parameters: [], responses: {}, security: [], pointer: `/paths/${path}`, extensions: {} });
const api = (...ops: ApiOperation[]): ApiDescription => ({ source: { kind: 'openapi', version: '3.0.3' }, title: 't', dialect: 'openapi-3.0', servers: [], operations: ops, securitySchemes: {} });
const info = { title: 'test check title', owasp: 'API8:2023', cwe: 'CWE-20', severity: 'medium' as const, intrusive: false, description: 'd', fix: 'f' };

/** Fires when the operation answers 5xx. */
const fires500: Check = {
  ...info,
  id: 'fires-500',
  scope: 'operation',
  async *probes(t) {
    yield { label: 'x', steps: [{ name: 'attack', request: t.build(t.op!) }] };
  },
  judge: (r) => ((r.attack?.response?.status ?? 0) >= 500 ? { message: 'server error' } : undefined),
};

describe('runner', () => {
  it('re-verifies every verdict: a flaw that does not replay is dropped, not reported', async () => {
    flaky = 0;
    const report = await runTests({ api: api(op('GET', '/flaky')), target: url, identities: [], checks: [fires500] });
    expect(report.findings).toEqual([]);
    expect(report.summary.unconfirmed).toBe(1);
    expect(report.checks[0]).toMatchObject({ id: 'fires-500', status: 'passed', probes: 1 });
  });

  it('stops at the time box, marks what did not finish, and reports what it has', async () => {
    const many: Check = {
      ...info,
      id: 'many-probes',
      scope: 'api',
      async *probes() {
        for (let i = 0; i < 50; i++) yield { label: `p${i}`, key: `k${i}`, steps: [{ name: 'attack', request: { method: 'GET', path: '/slow', query: [], headers: [], auth: { kind: 'none' } } }] };
      },
      judge: (r) => (isSuccess(r.attack) ? { message: 'slow answer' } : undefined),
    };
    const after: Check = { ...fires500, id: 'after' };
    const events: RunEvent[] = [];
    const report = await runTests({ api: api(op('GET', '/slow')), target: url, identities: [], checks: [many, after], maxDurationMs: 600, onEvent: (e) => events.push(e) });
    expect(report.summary.timedOut).toBe(true);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.length).toBeLessThan(50);
    expect(report.checks.find((c) => c.id === 'many-probes')).toMatchObject({ status: 'incomplete', reason: 'cut short by the time box (--max-duration)' });
    expect(report.checks.find((c) => c.id === 'after')).toMatchObject({ status: 'incomplete' });
    expect(events.filter((e) => e.kind === 'phase').map((e) => (e as { phase: string }).phase)).toEqual(['connect', 'login', 'learn', 'checks', 'done']);
    expect(events.some((e) => e.kind === 'finding')).toBe(true);
  });

  it('without --include-intrusive sends no PUT, PATCH or DELETE and skips intrusive checks', async () => {
    methods.length = 0;
    const intrusive: Check = { ...fires500, id: 'intrusive-one', intrusive: true };
    const report = await runTests({ api: api(op('DELETE', '/things/{id}'), op('PATCH', '/things/{id}'), op('GET', '/things')), target: url, identities: [], checks: [fires500, intrusive] });
    expect(methods.filter((m) => /^(PUT|PATCH|DELETE)/.test(m))).toEqual([]);
    expect(report.checks.find((c) => c.id === 'intrusive-one')).toMatchObject({ status: 'skipped', reason: 'intrusive: runs only with --include-intrusive' });
    expect(report.summary.operations).toBe(3);
  });

  it('refuses a target that is not an http(s) URL, and says when nothing answers', async () => {
    await expect(runTests({ target: 'localhost:3000', identities: [], checks: [] })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(runTests({ target: 'http://127.0.0.1:1', identities: [], checks: [] })).rejects.toMatchObject({ code: 'E_TARGET_UNREACHABLE', location: 'http://127.0.0.1:1' });
  });

  it('a check that throws is reported as a warning; the run goes on', async () => {
    const broken: Check = {
      ...info,
      id: 'broken',
      scope: 'api',
      // eslint-disable-next-line require-yield
      async *probes() {
        throw new Error('bug in check');
      },
      judge: () => undefined,
    };
    const report = await runTests({ api: api(op('GET', '/x')), target: url, identities: [], checks: [broken, { ...fires500, id: 'next' }] });
    expect(report.warnings).toContain('test broken stopped: bug in check');
    expect(report.checks.find((c) => c.id === 'next')!.status).toBe('passed');
  });
});
