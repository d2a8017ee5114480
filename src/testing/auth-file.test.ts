import { describe, expect, it } from 'vitest';
import { formatError, type RampartError } from '../core/index.js';
import { parseAuthFile, parseDuration } from './auth-file.js';

const GOOD = `
identities:
  alice:
    login:
      path: /api/login
      json: { email: alice@x.test, password: "\${ALICE_PW}" }
      token: { json: $.data.access_token }
      refreshEvery: 15m
  bob:
    login:
      method: post
      path: /api/login?client=ci
      form: { user: bob, pass: "\${BOB_PW}" }
      token: { cookie: session }
      send: { cookie: session }
  admin:
    headers:
      Authorization: "Bearer \${ADMIN_TOKEN}"
  ops:
    role: admin
    headers: { X-Api-Key: k-123 }
  anonymous: {}
  old:
    expired: true
    headers: { Authorization: Bearer eyJ.old }
`;
const ENV = { ALICE_PW: 'a-pw', BOB_PW: 'b-pw', ADMIN_TOKEN: 'adm' };

function errorOf(text: string, env: Record<string, string> = ENV): RampartError {
  try {
    parseAuthFile(text, 'auth.yaml', env);
  } catch (e) {
    return e as RampartError;
  }
  throw new Error('expected an error');
}

describe('auth file', () => {
  it('reads identities, login flows, static credentials and roles, with ${VAR} from the environment', () => {
    const ids = parseAuthFile(GOOD, 'auth.yaml', ENV);
    expect(ids.map((i) => [i.name, i.role, i.expired])).toEqual([
      ['alice', 'user', false],
      ['bob', 'user', false],
      ['admin', 'admin', false],
      ['ops', 'admin', false],
      ['anonymous', 'anonymous', false],
      ['old', 'user', true],
    ]);
    const alice = ids[0]!.login!;
    expect(alice).toMatchObject({ method: 'POST', path: '/api/login', body: { kind: 'json', value: { email: 'alice@x.test', password: 'a-pw' } }, refreshEveryMs: 900_000, passwordField: 'password' });
    expect(alice.token).toMatchObject({ from: 'json', path: ['data', 'access_token'] });
    expect(alice.use).toEqual({ in: 'header', name: 'authorization', prefix: 'Bearer ' });
    const bob = ids[1]!.login!;
    expect(bob).toMatchObject({ body: { kind: 'form', fields: [['user', 'bob'], ['pass', 'b-pw']] }, token: { from: 'cookie', name: 'session' }, use: { in: 'cookie', name: 'session' }, passwordField: 'pass' });
    expect(ids[2]!.headers).toEqual([['authorization', 'Bearer adm']]);
    expect(ids[3]!.headers).toEqual([['x-api-key', 'k-123']]);
  });

  it('names the file, the line and the key of every mistake', () => {
    const unknown = errorOf('identities:\n  alice:\n    login:\n      path: /l\n      tokn: { json: $.t }\n');
    expect(unknown.code).toBe('E_AUTH_FILE_INVALID');
    expect(unknown.location).toBe('auth.yaml:5');
    expect(unknown.message).toContain('identities.alice.login.tokn');
    expect(formatError(unknown)).toMatch(/^auth\.yaml:5: identities\.alice\.login\.tokn: unknown key/);

    const env = errorOf('identities:\n  alice:\n    headers: { Authorization: "Bearer ${NOPE}" }\n', {});
    expect(env.message).toContain('environment variable NOPE is not set');
    expect(env.fix).toContain('set NOPE');
    expect(env.location).toBe('auth.yaml:3');

    expect(errorOf('identities:\n  a:\n    login: { path: /l, token: { json: "token" } }\n').message).toContain('must start with "$"');
    expect(errorOf('identities:\n  a:\n    login: { path: login, token: { json: $.t } }\n').message).toContain('must start with "/"');
    expect(errorOf('identities:\n  a:\n    role: root\n').message).toContain('role must be user, admin or anonymous');
    expect(errorOf('identities: {}\n').message).toContain('no identities');
    expect(errorOf('users: []\n').message).toContain('"identities" mapping');
    expect(errorOf('identities:\n  a: [\n').code).toBe('E_AUTH_FILE_INVALID');
    expect(errorOf('identities:\n  a: {}\n  a: {}\n').code).toBe('E_AUTH_FILE_INVALID');
  });

  it('parses durations', () => {
    expect(['250ms', '90s', '15m', '1h', '2', '1.5s', 'soon'].map(parseDuration)).toEqual([250, 90_000, 900_000, 3_600_000, 2000, 1500, undefined]);
  });
});
