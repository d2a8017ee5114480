/**
 * How a request authenticates, from its headers, query and cookies: HTTP Basic, Bearer (JWT — decoded, never
 * verified, for `alg` and `iss` — or opaque), other Authorization schemes, API keys in headers or the query
 * (recognised by name), session cookies (by name, or a JWT as value). Credentials are never returned, only
 * where they were and of which kind. Name rules are data below, with vectors in `detect-auth.test.ts`.
 */
import type { AuthKind, Header } from '../core/index.js';
import { isJwtShaped, jwtFacts } from './decode-jwt.js';

export interface AuthObservation {
  readonly kind: AuthKind;
  /** Header, query parameter or cookie name carrying the credential. */
  readonly name?: string;
  /** Authorization scheme when it is not Basic or Bearer (`Digest`, `AWS4-HMAC-SHA256`, `Token`…). */
  readonly scheme?: string;
  readonly jwt?: { readonly alg?: string; readonly iss?: string };
}

const CSRF = /csrf|xsrf/;
/** Header names carrying API keys or tokens (lower-case), e.g. `x-api-key`, `x-goog-api-key`, `x-auth-token`. */
const API_KEY_HEADER = /(?:^|[-_])(?:api[-_]?key|apikey|app[-_]?key|access[-_]?key|subscription[-_]?key|auth[-_]?token|access[-_]?token|session[-_]?token|security[-_]?token|id[-_]?token|token|secret|auth|jwt)$/;
/** Query parameter names carrying API keys or tokens. */
const API_KEY_QUERY = /^(?:api[-_]?key|apikey|key|app[-_]?key|app[-_]?id|access[-_]?token|auth[-_]?token|id[-_]?token|token|auth|jwt|client[-_]?secret|secret|subscription[-_]?key)$/i;
/** Cookie names of sessions (compared lower-case, after the `__Host-`/`__Secure-` prefixes). */
const SESSION_COOKIE_EXACT = new Set(['sid', 'jsessionid', 'phpsessid', 'asp.net_sessionid', 'connect.sid', 'token', 'auth', 'jwt']);
const SESSION_COOKIE_SUFFIXES = ['session', 'sessionid', 'session_id', 'session-id', 'sess', 'session-token', 'session_token', 'auth_token', 'auth-token', 'access_token', 'access-token', 'id_token', '.sid', '_sid'];

/** True for a header name that carries an API key or token (CSRF tokens excluded). */
export function isApiKeyHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return n.length <= 64 && !CSRF.test(n) && API_KEY_HEADER.test(n);
}

/** True for a query parameter name that carries an API key or token. */
export function isApiKeyQueryName(name: string): boolean {
  return name.length <= 64 && API_KEY_QUERY.test(name);
}

/** True for a cookie name that carries a session (or a cookie whose value is a JWT). */
export function isSessionCookie(name: string, value: string): boolean {
  let n = name.toLowerCase();
  if (n.startsWith('__host-')) n = n.slice(7);
  else if (n.startsWith('__secure-')) n = n.slice(9);
  if (SESSION_COOKIE_EXACT.has(n)) return true;
  for (const s of SESSION_COOKIE_SUFFIXES) if (n === s || n.endsWith(s)) return true;
  return isJwtShaped(value);
}

function schemeName(s: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9._-]{0,31}$/.test(s) ? s : undefined;
}

function fromAuthorization(value: string, name: string): AuthObservation {
  const v = value.trim();
  const sp = v.indexOf(' ');
  const scheme = sp === -1 ? '' : v.slice(0, sp);
  const credential = sp === -1 ? v : v.slice(sp + 1).trim();
  const lower = scheme.toLowerCase();
  if (lower === 'basic') return { kind: 'basic' };
  if (lower === 'bearer' || (scheme === '' && isJwtShaped(credential))) {
    const jwt = isJwtShaped(credential) ? jwtFacts(credential) : undefined;
    return jwt ? { kind: 'bearer-jwt', jwt } : { kind: 'bearer' };
  }
  const s = scheme ? schemeName(scheme) : undefined;
  return s ? { kind: 'api-key-header', name, scheme: s } : { kind: 'api-key-header', name };
}

/**
 * Every credential a request carries (several when it sends more than one), or `[{ kind: 'none' }]`.
 * `query` and `cookies` are the decoded name/value pairs of the request.
 */
export function detectAuth(headers: readonly Header[], query: ReadonlyArray<readonly [string, string]>, cookies: ReadonlyArray<readonly [string, string]>): AuthObservation[] {
  const out: AuthObservation[] = [];
  for (const [name, value] of headers) {
    if (name === 'authorization' || name === 'proxy-authorization') {
      if (value.trim()) out.push(fromAuthorization(value, name));
    } else if (isApiKeyHeaderName(name) && value.trim()) {
      const token = value.trim().replace(/^bearer\s+/i, '');
      const jwt = isJwtShaped(token) ? jwtFacts(token) : undefined;
      out.push(jwt ? { kind: 'bearer-jwt', name, jwt } : { kind: 'api-key-header', name });
    }
  }
  for (const [name, value] of query) {
    if (value && isApiKeyQueryName(name)) {
      const jwt = isJwtShaped(value) ? jwtFacts(value) : undefined;
      out.push(jwt ? { kind: 'api-key-query', name, jwt } : { kind: 'api-key-query', name });
    }
  }
  for (const [name, value] of cookies) {
    if (value && isSessionCookie(name, value)) {
      const jwt = isJwtShaped(value) ? jwtFacts(value) : undefined;
      out.push(jwt ? { kind: 'session-cookie', name, jwt } : { kind: 'session-cookie', name });
    }
  }
  return out.length ? out : [{ kind: 'none' }];
}

/** Stable identity of an observation, for counting (`bearer-jwt|authorization|RS256|https://issuer`). */
export function authKey(a: AuthObservation): string {
  return `${a.kind}|${a.name ?? ''}|${a.scheme ?? ''}|${a.jwt?.alg ?? ''}|${a.jwt?.iss ?? ''}`;
}
