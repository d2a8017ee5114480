/**
 * Live sessions of the identities: logs each one in (when it has a login flow), attaches its current
 * credentials to requests, and logs in again when the token has expired, its refresh period is over, or the
 * server answered 401. Every credential value is registered as a secret so evidence never shows it.
 */
import type { Header } from '../core/index.js';
import { RampartError, headerValues, isJsonMediaType, mediaType, parseCookies } from '../core/index.js';
import type { IdentityConfig, LoginFlow } from './identity.js';
import { readJsonPath } from './json-path.js';
import { decodeJwt, findJwt, isExpired } from './jwt.js';
import { NO_CREDENTIALS, type Credentials } from './send-request.js';
import type { TestAuth, TestExchange, TestRequest } from './test-request.js';

export interface Sessions {
  readonly identities: readonly IdentityConfig[];
  /** Logs every identity with a login flow in; throws E_LOGIN_FAILED naming the identity and the reason. */
  loginAll(): Promise<void>;
  credentials(auth: TestAuth): Promise<Credentials>;
  /** Logs `identity` in again (after a 401); false when it has no login flow or the login failed. */
  refresh(identity: string): Promise<boolean>;
  /** The identity's current bearer-like credential value (token), if it has one. */
  token(identity: string): string | undefined;
  /** Where the identity's token travels, for checks that replace it. */
  tokenCarrier(identity: string): { in: 'header' | 'cookie' | 'query'; name: string; prefix: string } | undefined;
  /** The request that logs `identity` in (the lockout test replays it with wrong passwords). */
  loginRequest(identity: string): TestRequest | undefined;
  /** Reads the token out of a login response as the identity's flow says; undefined when absent. */
  extractToken(identity: string, x: TestExchange): string | undefined;
  /** Secret values (tokens, passwords, static credentials) mapped to whose they are and what they are. */
  secrets(): ReadonlyMap<string, SecretLabel>;
}

/** Whose a secret value is and what it is (`token`, `password`, a header, cookie or query parameter name). */
export interface SecretLabel {
  readonly identity: string;
  readonly label: string;
}

export type SendFn = (req: TestRequest) => Promise<TestExchange>;

interface Live {
  token?: string;
  obtainedAt: number;
  pending?: Promise<boolean>;
}

export function createSessions(identities: readonly IdentityConfig[], send: SendFn, now: () => number): Sessions {
  const byName = new Map(identities.map((i) => [i.name, i]));
  const live = new Map<string, Live>();
  const secretValues = new Map<string, SecretLabel>();
  const addSecret = (value: string | undefined, identity: string, label: string) => {
    if (value && value.length >= 4 && !secretValues.has(value)) secretValues.set(value, { identity, label });
  };
  for (const id of identities) {
    for (const [n, v] of id.headers) {
      const bare = v.replace(/^(bearer|basic|token)\s+/i, '');
      if (bare !== v) addSecret(bare, id.name, 'token');
      else addSecret(v, id.name, n);
    }
    for (const [n, v] of id.cookies) addSecret(v, id.name, `cookie-${n}`);
    for (const [n, v] of id.query) addSecret(v, id.name, `query-${n}`);
    const body = id.login?.body;
    if (body?.kind === 'json' && id.login?.passwordField) {
      const pw = (body.value as Record<string, unknown>)[id.login.passwordField];
      if (typeof pw === 'string') addSecret(pw, id.name, 'password');
    } else if (body?.kind === 'form' && id.login?.passwordField) {
      addSecret(body.fields.find(([k]) => k === id.login?.passwordField)?.[1], id.name, 'password');
    }
  }

  const loginRequest = (flow: LoginFlow): TestRequest => {
    const q = flow.path.indexOf('?');
    const path = q === -1 ? flow.path : flow.path.slice(0, q);
    const query = q === -1 ? [] : [...new URLSearchParams(flow.path.slice(q + 1))];
    return { method: flow.method, path, query, headers: flow.headers, ...(flow.body ? { body: flow.body } : {}), auth: { kind: 'none' } };
  };

  const extract = (flow: LoginFlow, x: TestExchange): string | undefined => {
    const r = x.response;
    if (!r) return undefined;
    if (flow.token.from === 'header') return headerValues(r.headers, flow.token.name)[0];
    if (flow.token.from === 'cookie') {
      const name = flow.token.name;
      for (const sc of headerValues(r.headers, 'set-cookie')) {
        const first = sc.split(';')[0] ?? '';
        const found = parseCookies(first).find(([k]) => k === name);
        if (found) return found[1];
      }
      return undefined;
    }
    if (!isJsonMediaType(mediaType(r.headers)) && !/^\s*[{[]/.test(r.body)) return undefined;
    try {
      const v = readJsonPath(JSON.parse(r.body), flow.token.path);
      return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
    } catch {
      return undefined;
    }
  };

  const login = async (id: IdentityConfig, throwOnFailure: boolean): Promise<boolean> => {
    const flow = id.login!;
    const x = await send(loginRequest(flow));
    const fail = (why: string): false => {
      if (throwOnFailure) throw new RampartError('E_LOGIN_FAILED', `identity "${id.name}": ${why}`, { location: `${flow.method} ${flow.path}` });
      return false;
    };
    if (!x.response) return fail(`the login request failed: ${x.error ?? 'no response'}`);
    const status = x.response.status;
    if (status < 200 || status >= 400) return fail(`the login request answered ${status}`);
    const token = extract(flow, x);
    if (!token) {
      const where = flow.token.from === 'json' ? `at ${flow.token.pathText} in the JSON body` : `in the ${flow.token.name} ${flow.token.from}`;
      return fail(`the login answered ${status} but no token was found ${where}`);
    }
    live.set(id.name, { token, obtainedAt: now() });
    addSecret(token, id.name, 'token');
    return true;
  };

  const refresh = async (name: string): Promise<boolean> => {
    const id = byName.get(name);
    if (!id?.login) return false;
    const l = live.get(name) ?? { obtainedAt: 0 };
    // one refresh at a time per identity; a refresh less than 2 s old is reused instead of logging in again
    if (l.pending) return l.pending;
    if (l.token && now() - l.obtainedAt < 2000) return true;
    l.pending = login(id, false).finally(() => {
      const cur = live.get(name);
      if (cur) delete cur.pending;
    });
    live.set(name, l);
    return l.pending;
  };

  const credentials = async (auth: TestAuth): Promise<Credentials> => {
    if (auth.kind === 'none') return NO_CREDENTIALS;
    if (auth.kind === 'forged') return { headers: auth.headers, query: [], cookies: [] };
    const id = byName.get(auth.identity);
    if (!id) return NO_CREDENTIALS;
    const headers: Header[] = [...id.headers];
    const query = [...id.query];
    const cookies = [...id.cookies];
    if (id.login) {
      let l = live.get(id.name);
      const jwt = l?.token ? decodeJwt(l.token) : undefined;
      const stale = !l?.token || (jwt && isExpired(jwt, now() + 5000)) || (id.login.refreshEveryMs > 0 && now() - (l?.obtainedAt ?? 0) > id.login.refreshEveryMs);
      if (stale) {
        await refresh(id.name);
        l = live.get(id.name);
      }
      const token = l?.token;
      if (token) {
        const use = id.login.use;
        if (use.in === 'header') headers.push([use.name, `${use.prefix}${token}`]);
        else if (use.in === 'cookie') cookies.push([use.name, token]);
        else query.push([use.name, token]);
      }
    }
    return { headers, query, cookies };
  };

  return {
    identities,
    async loginAll() {
      for (const id of identities) if (id.login) await login(id, true);
    },
    credentials,
    refresh,
    token(name) {
      const id = byName.get(name);
      if (!id) return undefined;
      if (id.login) return live.get(name)?.token;
      for (const [n, v] of id.headers) {
        if (n === 'authorization') return v.replace(/^(bearer|token)\s+/i, '');
        const jwt = findJwt(v);
        if (jwt) return jwt;
      }
      for (const [, v] of id.cookies) if (findJwt(v)) return v;
      return undefined;
    },
    tokenCarrier(name) {
      const id = byName.get(name);
      if (!id) return undefined;
      if (id.login) {
        const u = id.login.use;
        return { in: u.in, name: u.name, prefix: u.in === 'header' ? u.prefix : '' };
      }
      for (const [n, v] of id.headers) {
        if (n === 'authorization') return { in: 'header', name: n, prefix: /^(bearer|token)\s+/i.exec(v)?.[0] ?? '' };
        if (findJwt(v)) return { in: 'header', name: n, prefix: '' };
      }
      for (const [n, v] of id.cookies) if (findJwt(v)) return { in: 'cookie', name: n, prefix: '' };
      return undefined;
    },
    loginRequest(name) {
      const flow = byName.get(name)?.login;
      return flow ? loginRequest(flow) : undefined;
    },
    extractToken(name, x) {
      const flow = byName.get(name)?.login;
      return flow ? extract(flow, x) : undefined;
    },
    secrets: () => secretValues,
  };
}
