import { describe, expect, it } from 'vitest';
import type { Header } from '../core/index.js';
import { decodeJwt, isJwtShaped, jwtFacts } from './decode-jwt.js';
import { detectAuth, isApiKeyHeaderName, isApiKeyQueryName, isSessionCookie } from './detect-auth.js';
import { isStandardHeader } from './standard-headers.js';

function jwt(header: object, claims: object): string {
  const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b(header)}.${b(claims)}.c2lnbmF0dXJl`;
}

const RS = jwt({ alg: 'RS256', typ: 'JWT' }, { iss: 'https://issuer.example', sub: '42' });
const NONE = jwt({ alg: 'none' }, { sub: 'x' });

describe('JWT decoding (never verified)', () => {
  it('reads alg and iss', () => {
    expect(jwtFacts(RS)).toEqual({ alg: 'RS256', iss: 'https://issuer.example' });
    expect(jwtFacts(NONE)).toEqual({ alg: 'none' });
    expect(decodeJwt(`${RS.split('.')[0]}.a.b.c.d`)?.claims).toBeUndefined(); // JWE: header only
  });
  it('rejects what is not a JWT', () => {
    for (const s of ['', 'abc', 'eyJ.x', 'eyJhbGciOi.bad!chars.x', `eyJ${'a'.repeat(20_000)}.b.c`, 'eyJub3Q=.eyJub3Q=.x']) {
      expect(decodeJwt(s)).toBeUndefined();
    }
    expect(isJwtShaped(RS)).toBe(true);
  });
});

describe('detectAuth', () => {
  const none: Array<[string, string]> = [];
  const cases: Array<[string, Header[], Array<[string, string]>, Array<[string, string]>, unknown[]]> = [
    ['no credentials', [['accept', '*/*']], none, none, [{ kind: 'none' }]],
    ['basic', [['authorization', 'Basic dXNlcjpwYXNz']], none, none, [{ kind: 'basic' }]],
    ['bearer JWT', [['authorization', `Bearer ${RS}`]], none, none, [{ kind: 'bearer-jwt', jwt: { alg: 'RS256', iss: 'https://issuer.example' } }]],
    ['bearer opaque', [['authorization', 'Bearer 8f14e45fceea167a5a36dedd4bea2543']], none, none, [{ kind: 'bearer' }]],
    ['bare JWT in Authorization', [['authorization', NONE]], none, none, [{ kind: 'bearer-jwt', jwt: { alg: 'none' } }]],
    ['other scheme', [['authorization', 'Digest username="a", nonce="b"']], none, none, [{ kind: 'api-key-header', name: 'authorization', scheme: 'Digest' }]],
    ['template placeholder', [['authorization', '{{AKTO.token}}']], none, none, [{ kind: 'api-key-header', name: 'authorization' }]],
    ['x-api-key', [['x-api-key', 'k-123']], none, none, [{ kind: 'api-key-header', name: 'x-api-key' }]],
    ['JWT in a custom header', [['x-access-token', RS]], none, none, [{ kind: 'bearer-jwt', name: 'x-access-token', jwt: { alg: 'RS256', iss: 'https://issuer.example' } }]],
    ['CSRF token is not auth', [['x-csrf-token', 'abc']], none, none, [{ kind: 'none' }]],
    ['api key in query', [], [['api_key', 'abc'], ['q', 'x']], none, [{ kind: 'api-key-query', name: 'api_key' }]],
    ['session cookie', [], none, [['language', 'en'], ['JSESSIONID', 'ABC']], [{ kind: 'session-cookie', name: 'JSESSIONID' }]],
    ['JWT cookie', [], none, [['token', NONE]], [{ kind: 'session-cookie', name: 'token', jwt: { alg: 'none' } }]],
    [
      'several at once',
      [['authorization', 'Basic eA=='], ['x-api-key', 'k']],
      [['key', 'g']],
      [['sid', 's']],
      [{ kind: 'basic' }, { kind: 'api-key-header', name: 'x-api-key' }, { kind: 'api-key-query', name: 'key' }, { kind: 'session-cookie', name: 'sid' }],
    ],
  ];
  it.each(cases)('%s', (_name, headers, query, cookies, expected) => {
    expect(detectAuth(headers, query, cookies)).toEqual(expected);
  });

  it('recognises credential names (must and must not)', () => {
    const headerYes = ['x-api-key', 'api-key', 'apikey', 'x-goog-api-key', 'x-auth-token', 'x-access-token', 'ocp-apim-subscription-key', 'x-amz-security-token', 'x-shopify-access-token', 'x-auth', 'x-jwt'];
    const headerNo = ['x-csrf-token', 'x-xsrf-token', 'x-request-id', 'content-type', 'x-keyboard', 'x-tokenizer', 'monkey'];
    expect(headerYes.filter((n) => !isApiKeyHeaderName(n))).toEqual([]);
    expect(headerNo.filter(isApiKeyHeaderName)).toEqual([]);
    const queryYes = ['api_key', 'apikey', 'key', 'appid', 'access_token', 'token', 'client_secret', 'API_KEY'];
    const queryNo = ['q', 'keyword', 'monkey', 'page', 'tokens', 'sort'];
    expect(queryYes.filter((n) => !isApiKeyQueryName(n))).toEqual([]);
    expect(queryNo.filter(isApiKeyQueryName)).toEqual([]);
    const cookieYes = ['session', 'sessionid', 'JSESSIONID', 'PHPSESSID', 'connect.sid', '__Host-session', '__Secure-next-auth.session-token', 'laravel_session', 'token'];
    const cookieNo = ['language', 'welcomebanner_status', 'cookieconsent_status', 'theme', '_ga'];
    expect(cookieYes.filter((n) => !isSessionCookie(n, 'v'))).toEqual([]);
    expect(cookieNo.filter((n) => isSessionCookie(n, 'v'))).toEqual([]);
    expect(isSessionCookie('anything', RS)).toBe(true);
  });

  it('never returns the credential itself', () => {
    const out = JSON.stringify(detectAuth([['authorization', `Bearer ${RS}`], ['x-api-key', 'super-secret-key']], [['api_key', 'qsecret']], [['sid', 'cookie-secret']]));
    for (const secret of [RS, 'super-secret-key', 'qsecret', 'cookie-secret']) expect(out).not.toContain(secret);
  });
});

describe('standard headers', () => {
  it('are not API parameters; custom ones are', () => {
    const standard = ['accept', 'user-agent', 'content-length', 'sec-ch-ua', 'sec-fetch-mode', ':authority', 'x-forwarded-for', 'traceparent', 'cf-ray', 'x-b3-traceid', 'cookie', 'authorization'];
    const custom = ['x-tenant-id', 'x-client-version', 'idempotency-key', 'x-debug'];
    expect(standard.filter((h) => !isStandardHeader(h))).toEqual([]);
    expect(custom.filter(isStandardHeader)).toEqual([]);
  });
});
