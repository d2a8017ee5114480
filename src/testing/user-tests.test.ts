import { describe, expect, it } from 'vitest';
import type { RampartError } from '../core/index.js';
import { ex } from '../../test/support/exchange-fixture.js';
import { globMatch, judgeUserTest, parseUserTests } from './user-tests.js';
import type { PlannedOperation } from './plan.js';

const FILE = `
tests:
  - id: acme-debug-param
    title: Debug parameter turns on verbose output
    owasp: API8:2023
    cwe: CWE-489
    severity: medium
    description: The debug query parameter makes the API print internals.
    fix: Remove the debug switch from production builds.
    select:
      methods: [GET]
      paths: ["/orders/**"]
      auth: required
    attack:
      setQuery: { debug: "true" }
    fireWhen:
      status: 2xx
      bodyContains: [stack, "sql:"]
  - id: acme-tenant-swap
    owasp: API1:2023
    cwe: CWE-639
    severity: high
    intrusive: true
    as: victim
    attack:
      as: attacker
      setHeaders: { X-Tenant: other }
    fireWhen:
      status: [200]
      similarToBaseline: 0.9
`;

const op = (method: string, path: string, requiresAuth: boolean | undefined): PlannedOperation => ({
  op: { method, path, tags: [], deprecated: false, parameters: [], responses: {}, pointer: '', extensions: {} },
  key: `${method} ${path}`,
  fullPath: path,
  source: 'spec',
  requiresAuth,
});

function errorOf(text: string): RampartError {
  try {
    parseUserTests(text, 'tests.yaml', new Set(['bola-read']));
  } catch (e) {
    return e as RampartError;
  }
  throw new Error('expected an error');
}

describe('user tests', () => {
  it('compile into checks with metadata, selection and a judge', () => {
    const [debug, swap] = parseUserTests(FILE, 'tests.yaml');
    expect(debug).toMatchObject({ id: 'acme-debug-param', owasp: 'API8:2023', cwe: 'CWE-489', severity: 'medium', intrusive: false, origin: 'user', scope: 'operation' });
    expect(swap).toMatchObject({ id: 'acme-tenant-swap', title: 'acme-tenant-swap', intrusive: true });
    const ctx = { includeIntrusive: true, identities: { users: ['a', 'b'], expired: [] } };
    expect(debug!.select!(op('GET', '/orders/{id}/items', true), ctx)).toBe(true);
    expect(debug!.select!(op('GET', '/orders/{id}', false), ctx)).toBe(false);
    expect(debug!.select!(op('POST', '/orders/{id}', true), ctx)).toBe(false);
    expect(debug!.select!(op('GET', '/users', true), ctx)).toBe(false);
  });

  it('judge with every fireWhen condition (substrings, statuses, similarity)', () => {
    const f = { status: ['2xx' as const], bodyContains: ['Stack'] };
    expect(judgeUserTest(f, ex({ body: { error: 'x', stack: 'at y' } }), ex())?.message).toBe('the attack answered 200, the body contains "Stack"');
    expect(judgeUserTest(f, ex({ status: 500, body: 'stack' }), ex())).toBeUndefined();
    expect(judgeUserTest(f, ex({ body: 'fine' }), ex())).toBeUndefined();
    expect(judgeUserTest({ similarToBaseline: 0.9 }, ex({ body: { a: 1 } }), ex({ body: { a: 1 } }))).toBeDefined();
    expect(judgeUserTest({ similarToBaseline: 0.9 }, ex({ body: { a: 2 } }), ex({ body: { a: 1 } }))).toBeUndefined();
    expect(judgeUserTest({ differentFromBaseline: 0.5 }, ex({ body: { a: 2 } }), ex({ body: { a: 1 } }))).toBeDefined();
    expect(judgeUserTest({ headerContains: { server: 'nginx/' } }, ex({ headers: { server: 'nginx/1.2' } }), ex())).toBeDefined();
    expect(judgeUserTest({ headerPresent: ['x-debug'] }, ex({ headers: {} }), ex())).toBeUndefined();
    expect(judgeUserTest({ baselineStatus: [401], status: [200] }, ex(), ex({ status: 401 }))).toBeDefined();
    expect(judgeUserTest({ bodyNotContains: ['denied'], status: [200] }, ex({ body: 'access denied' }), ex())).toBeUndefined();
  });

  it('match path globs segment by segment', () => {
    expect(globMatch('/orders/*', '/orders/{id}')).toBe(true);
    expect(globMatch('/orders/*', '/orders/{id}/items')).toBe(false);
    expect(globMatch('/orders/**', '/orders')).toBe(true);
    expect(globMatch('/**/admin/**', '/v1/x/admin/users')).toBe(true);
    expect(globMatch('/a', '/b')).toBe(false);
    // many ** and a long path: linear, not exponential
    const t0 = Date.now();
    expect(globMatch(`${'/**'.repeat(40)}/z`, `${'/a'.repeat(200)}/b`)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('refuse bad definitions with the line and the key', () => {
    const e = errorOf('tests:\n  - id: x1\n    owasp: API1:2023\n    cwe: CWE-1\n    severity: high\n    attack: { as: bob }\n    fireWhen: { status: 2xx, bodyHas: [a] }\n');
    expect(e.code).toBe('E_TEST_DEFINITION_INVALID');
    expect(e.location).toBe('tests.yaml:7');
    expect(e.message).toContain('tests[0].fireWhen.bodyHas: unknown key');
    expect(errorOf('tests:\n  - id: x1\n    owasp: API11:2023\n    cwe: CWE-1\n    severity: high\n    attack: { as: bob }\n    fireWhen: { status: 200 }\n').message).toContain('OWASP API Security Top 10 2023 id');
    expect(errorOf('tests:\n  - id: bola-read\n    owasp: API1:2023\n    cwe: CWE-1\n    severity: high\n    attack: { as: bob }\n    fireWhen: { status: 200 }\n').message).toContain('already used by a built-in test');
    expect(errorOf('tests:\n  - id: x1\n    owasp: API1:2023\n    cwe: CWE-1\n    severity: urgent\n    attack: { as: bob }\n    fireWhen: { status: 200 }\n').message).toContain('severity must be one of');
    expect(errorOf('tests:\n  - id: x1\n    owasp: API1:2023\n    cwe: CWE-1\n    severity: high\n    attack: {}\n    fireWhen: { status: 200 }\n').message).toContain('attack changes nothing');
    expect(errorOf('tests:\n  - id: x1\n    owasp: API1:2023\n    cwe: CWE-1\n    severity: high\n    attack: { method: GET }\n    fireWhen: { status: 700 }\n').message).toContain('a status is a code');
    expect(errorOf('tests: []\n').message).toContain('no tests');
    expect(errorOf('tests: [\n').code).toBe('E_TEST_DEFINITION_INVALID');
  });
});
