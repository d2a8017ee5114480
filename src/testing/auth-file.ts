/**
 * The auth file: the identities a test run acts as (format in docs/testing.md, "Auth file"). Validated once at
 * load with the line of every bad key; `${VAR}` in values is replaced from the environment so secrets stay out
 * of the file.
 */
import type { Header } from '../core/index.js';
import { RampartError, parseDurationMs } from '../core/index.js';
import type { IdentityConfig, IdentityRole, LoginFlow, TokenSource, TokenUse } from './identity.js';
import { parseJsonPath } from './json-path.js';
import { dotted, parseYamlSource, type YamlSource } from './yaml-source.js';

const MAX_IDENTITIES = 32;
const IDENTITY_KEYS = new Set(['role', 'expired', 'headers', 'cookies', 'query', 'login']);
const LOGIN_KEYS = new Set(['method', 'path', 'url', 'headers', 'json', 'form', 'token', 'send', 'refreshEvery', 'passwordField']);

/** Parses and validates an auth file's text. `env` resolves `${VAR}` references. */
export function parseAuthFile(text: string, file: string, env: Readonly<Record<string, string | undefined>>): IdentityConfig[] {
  const src = parseYamlSource(text, file);
  if ('error' in src) throw new RampartError('E_AUTH_FILE_INVALID', src.error, { location: src.location });
  const fail = (path: ReadonlyArray<string | number>, msg: string, fix?: string): never => {
    throw new RampartError('E_AUTH_FILE_INVALID', `${dotted(path)}: ${msg}`, { location: src.locate(path), ...(fix ? { fix } : {}) });
  };
  const root = src.value;
  if (!isObject(root) || !isObject(root.identities)) fail(['identities'], 'the file needs an "identities" mapping (name -> identity)');
  const ids = (root as { identities: Record<string, unknown> }).identities;
  const names = Object.keys(ids);
  if (names.length === 0) fail(['identities'], 'no identities declared');
  if (names.length > MAX_IDENTITIES) fail(['identities'], `at most ${MAX_IDENTITIES} identities`);
  const expand = (v: unknown, path: Array<string | number>): string => expandEnv(scalar(v, path, fail), path, env, fail);
  return names.map((name) => parseIdentity(name, ids[name], ['identities', name], expand, fail, src));
}

type Fail = (path: ReadonlyArray<string | number>, msg: string, fix?: string) => never;
type Expand = (v: unknown, path: Array<string | number>) => string;

function parseIdentity(name: string, raw: unknown, path: Array<string | number>, expand: Expand, fail: Fail, _src: YamlSource): IdentityConfig {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) fail(path, 'identity names use letters, digits, ".", "_" and "-" only');
  const o = raw === null || raw === undefined ? {} : raw;
  if (!isObject(o)) return fail(path, 'an identity is a mapping (role, headers, cookies, query, login, expired)');
  for (const k of Object.keys(o)) if (!IDENTITY_KEYS.has(k)) fail([...path, k], `unknown key "${k}" (expected one of: ${[...IDENTITY_KEYS].join(', ')})`);
  const headers = pairs(o.headers, [...path, 'headers'], expand, fail).map(([n, v]) => [n.toLowerCase(), v] as Header);
  const cookies = pairs(o.cookies, [...path, 'cookies'], expand, fail);
  const query = pairs(o.query, [...path, 'query'], expand, fail);
  const login = o.login === undefined ? undefined : parseLogin(o.login, [...path, 'login'], expand, fail);
  let role: IdentityRole;
  if (o.role === undefined) role = name === 'admin' ? 'admin' : !login && !headers.length && !cookies.length && !query.length ? 'anonymous' : 'user';
  else if (o.role === 'user' || o.role === 'admin' || o.role === 'anonymous') role = o.role;
  else return fail([...path, 'role'], `role must be user, admin or anonymous (got ${JSON.stringify(o.role)})`);
  if (o.expired !== undefined && typeof o.expired !== 'boolean') fail([...path, 'expired'], 'expired must be true or false');
  return { name, role, expired: o.expired === true, headers, cookies, query, ...(login ? { login } : {}) };
}

function parseLogin(raw: unknown, path: Array<string | number>, expand: Expand, fail: Fail): LoginFlow {
  if (!isObject(raw)) return fail(path, 'login is a mapping with at least "path" and "token"');
  for (const k of Object.keys(raw)) if (!LOGIN_KEYS.has(k)) fail([...path, k], `unknown key "${k}" (expected one of: ${[...LOGIN_KEYS].join(', ')})`);
  const method = raw.method === undefined ? 'POST' : expand(raw.method, [...path, 'method']).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) fail([...path, 'method'], `not an HTTP method: ${method}`);
  const where = raw.path ?? raw.url;
  if (where === undefined) fail(path, 'login needs "path" (relative to --target, e.g. /api/login)');
  const target = expand(where, [...path, raw.path !== undefined ? 'path' : 'url']);
  if (!target.startsWith('/')) fail([...path, 'path'], `login path must start with "/" (got "${target}"); it is resolved against --target`);
  if (raw.json !== undefined && raw.form !== undefined) fail(path, 'give either json or form, not both');
  let body: LoginFlow['body'];
  if (raw.json !== undefined) body = { kind: 'json', value: expandDeep(raw.json, [...path, 'json'], expand) };
  else if (raw.form !== undefined) body = { kind: 'form', fields: pairs(raw.form, [...path, 'form'], expand, fail) };
  const token = parseTokenSource(raw.token, [...path, 'token'], fail);
  const use = parseTokenUse(raw.send, [...path, 'send'], fail);
  let refreshEveryMs = 0;
  if (raw.refreshEvery !== undefined) {
    const ms = parseDuration(String(raw.refreshEvery));
    if (ms === undefined) fail([...path, 'refreshEvery'], `not a duration: ${String(raw.refreshEvery)} (use e.g. 90s, 15m, 1h)`);
    refreshEveryMs = ms ?? 0;
  }
  let passwordField: string | undefined;
  if (raw.passwordField !== undefined) passwordField = expand(raw.passwordField, [...path, 'passwordField']);
  else if (body?.kind === 'json' && isObject(body.value)) passwordField = Object.keys(body.value).find((k) => /pass(word)?|pwd|secret/i.test(k));
  else if (body?.kind === 'form') passwordField = body.fields.find(([k]) => /pass(word)?|pwd|secret/i.test(k))?.[0];
  return {
    method,
    path: target,
    headers: pairs(raw.headers, [...path, 'headers'], expand, fail).map(([n, v]) => [n.toLowerCase(), v] as Header),
    ...(body ? { body } : {}),
    token,
    use,
    refreshEveryMs,
    ...(passwordField ? { passwordField } : {}),
  };
}

function parseTokenSource(raw: unknown, path: Array<string | number>, fail: Fail): TokenSource {
  if (!isObject(raw)) return fail(path, 'token says where the login response carries the token: {json: $.token}, {header: X-Auth-Token} or {cookie: session}');
  const keys = Object.keys(raw);
  if (keys.length !== 1) fail(path, 'token takes exactly one of json, header, cookie');
  const k = keys[0]!;
  const v = raw[k];
  if (typeof v !== 'string' || !v) return fail([...path, k], 'expected a non-empty string');
  if (k === 'json') {
    try {
      return { from: 'json', path: parseJsonPath(v), pathText: v };
    } catch (err) {
      return fail([...path, k], (err as Error).message);
    }
  }
  if (k === 'header') return { from: 'header', name: v.toLowerCase() };
  if (k === 'cookie') return { from: 'cookie', name: v };
  return fail([...path, k], `unknown token source "${k}" (use json, header or cookie)`);
}

function parseTokenUse(raw: unknown, path: Array<string | number>, fail: Fail): TokenUse {
  if (raw === undefined) return { in: 'header', name: 'authorization', prefix: 'Bearer ' };
  if (!isObject(raw)) return fail(path, 'send says how to send the token: {header: Authorization, prefix: "Bearer "}, {cookie: session} or {query: api_key}');
  if (typeof raw.header === 'string') {
    const prefix = raw.prefix === undefined ? (raw.header.toLowerCase() === 'authorization' ? 'Bearer ' : '') : String(raw.prefix);
    return { in: 'header', name: raw.header.toLowerCase(), prefix };
  }
  if (typeof raw.cookie === 'string') return { in: 'cookie', name: raw.cookie };
  if (typeof raw.query === 'string') return { in: 'query', name: raw.query };
  return fail(path, 'send needs header, cookie or query');
}

function pairs(raw: unknown, path: Array<string | number>, expand: Expand, fail: Fail): Array<[string, string]> {
  if (raw === undefined || raw === null) return [];
  if (!isObject(raw)) return fail(path, 'expected a mapping of names to values');
  return Object.entries(raw).map(([k, v]) => [k, expand(v, [...path, k])]);
}

function expandDeep(v: unknown, path: Array<string | number>, expand: Expand): unknown {
  if (typeof v === 'string') return expand(v, path);
  if (Array.isArray(v)) return v.map((x, i) => expandDeep(x, [...path, i], expand));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandDeep(x, [...path, k], expand)]));
  return v;
}

function scalar(v: unknown, path: Array<string | number>, fail: Fail): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(path, 'expected a string');
}

/** Replaces `${VAR}` with the environment's value; an unset variable is an error naming it. */
function expandEnv(s: string, path: Array<string | number>, env: Readonly<Record<string, string | undefined>>, fail: Fail): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]{0,100})\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) return fail(path, `environment variable ${name} is not set`, `set ${name} in the environment (values like \${${name}} are read from it), or write the value in the file`);
    return v;
  });
}

/** Parses `250ms`, `90s`, `15m`, `1h` (or a bare number of seconds) into ms. */
export const parseDuration = parseDurationMs;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
