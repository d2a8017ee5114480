/**
 * User tests: the test-definition format of docs/testing.md ("Writing your own tests"), compiled into the same
 * `Check` shape as the built-ins — `select` which operations, build the valid request as someone (`as`), mutate
 * it (`attack`), judge the answer against the baseline (`fireWhen`). Validated once at load with the line of
 * every bad key. Matching is by substrings and globs only: no user regular expression ever runs.
 */
import type { Severity } from '../core/index.js';
import { RampartError, SEVERITY_ORDER, headerValue } from '../core/index.js';
import type { Check, CheckContext, IdentityRoles, Probe, ProbeResults } from './check.js';
import { freshStep } from './checks/support.js';
import { withBodyField, withHeader, withIdentity, withMethod, withoutAuth, withoutBodyField, withoutHeader, withoutQueryParam, withPathParam, withQueryParam, withRawPath } from './mutate-request.js';
import type { PlannedOperation } from './plan.js';
import { bodySimilarity } from './response-similarity.js';
import { statusOf, type TestExchange, type TestRequest } from './test-request.js';
import { dotted, parseYamlSource } from './yaml-source.js';

const MAX_TESTS = 200;
const TEST_KEYS = new Set(['id', 'title', 'owasp', 'cwe', 'severity', 'intrusive', 'description', 'fix', 'select', 'as', 'attack', 'fireWhen']);
const SELECT_KEYS = new Set(['methods', 'paths', 'tags', 'operationIds', 'auth', 'hasParameter', 'deprecated']);
const ATTACK_KEYS = new Set(['as', 'method', 'path', 'appendPath', 'setQuery', 'removeQuery', 'setHeaders', 'removeHeaders', 'setBody', 'removeBody', 'setPathParams']);
const FIRE_KEYS = new Set(['status', 'baselineStatus', 'bodyContains', 'bodyNotContains', 'headerPresent', 'headerContains', 'similarToBaseline', 'differentFromBaseline']);

/** Who sends a request: a role of the run or an identity's name. */
type Actor = string;

interface UserTestDefinition {
  readonly select: {
    readonly methods?: readonly string[];
    readonly paths?: readonly string[];
    readonly tags?: readonly string[];
    readonly operationIds?: readonly string[];
    readonly auth?: 'required' | 'public' | 'any';
    readonly hasParameter?: string;
    readonly deprecated?: boolean;
  };
  readonly as?: Actor;
  readonly attack: {
    readonly as?: Actor;
    readonly method?: string;
    readonly path?: string;
    readonly appendPath?: string;
    readonly setQuery?: Readonly<Record<string, string>>;
    readonly removeQuery?: readonly string[];
    readonly setHeaders?: Readonly<Record<string, string>>;
    readonly removeHeaders?: readonly string[];
    readonly setBody?: Readonly<Record<string, unknown>>;
    readonly removeBody?: readonly string[];
    readonly setPathParams?: Readonly<Record<string, string>>;
  };
  readonly fireWhen: {
    readonly status?: readonly StatusMatch[];
    readonly baselineStatus?: readonly StatusMatch[];
    readonly bodyContains?: readonly string[];
    readonly bodyNotContains?: readonly string[];
    readonly headerPresent?: readonly string[];
    readonly headerContains?: Readonly<Record<string, string>>;
    readonly similarToBaseline?: number;
    readonly differentFromBaseline?: number;
  };
}

/** An exact status or a class (`2xx`). */
type StatusMatch = number | `${1 | 2 | 3 | 4 | 5}xx`;

/** Parses a test-definition file into checks; throws E_TEST_DEFINITION_INVALID with the line of the bad key. */
export function parseUserTests(text: string, file: string, builtinIds: ReadonlySet<string> = new Set()): Check[] {
  const src = parseYamlSource(text, file);
  if ('error' in src) throw new RampartError('E_TEST_DEFINITION_INVALID', src.error, { location: src.location });
  const fail = (path: ReadonlyArray<string | number>, msg: string): never => {
    throw new RampartError('E_TEST_DEFINITION_INVALID', `${dotted(path)}: ${msg}`, { location: src.locate(path) });
  };
  const root = src.value as { tests?: unknown } | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.tests)) return fail(['tests'], 'the file needs a "tests" list');
  if (root.tests.length === 0) fail(['tests'], 'no tests in the list');
  if (root.tests.length > MAX_TESTS) fail(['tests'], `at most ${MAX_TESTS} tests per file`);
  const ids = new Set<string>();
  return root.tests.map((raw, i) => {
    const at = (...k: Array<string | number>) => ['tests', i, ...k];
    if (!isObject(raw)) return fail(at(), 'a test is a mapping (id, title, owasp, severity, select, attack, fireWhen, …)');
    for (const k of Object.keys(raw)) if (!TEST_KEYS.has(k)) fail(at(k), `unknown key "${k}" (expected one of: ${[...TEST_KEYS].join(', ')})`);
    const id = str(raw.id, at('id'), fail);
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(id)) fail(at('id'), 'ids are 2-63 characters: lower-case letters, digits, ".", "_" and "-"');
    if (ids.has(id) || builtinIds.has(id)) fail(at('id'), `the id "${id}" is already used${builtinIds.has(id) ? ' by a built-in test' : ''}`);
    ids.add(id);
    const owasp = str(raw.owasp, at('owasp'), fail);
    if (!/^API(10|[1-9]):2023$/.test(owasp)) fail(at('owasp'), `owasp must be an OWASP API Security Top 10 2023 id such as API1:2023 (got "${owasp}")`);
    const cwe = str(raw.cwe, at('cwe'), fail);
    if (!/^CWE-\d{1,5}$/.test(cwe)) fail(at('cwe'), `cwe must look like CWE-639 (got "${cwe}")`);
    const severity = str(raw.severity, at('severity'), fail) as Severity;
    if (!SEVERITY_ORDER.includes(severity)) fail(at('severity'), `severity must be one of ${SEVERITY_ORDER.join(', ')}`);
    if (raw.intrusive !== undefined && typeof raw.intrusive !== 'boolean') fail(at('intrusive'), 'intrusive must be true or false');
    const def: UserTestDefinition = {
      select: parseSelect(raw.select, at('select'), fail),
      ...(raw.as !== undefined ? { as: str(raw.as, at('as'), fail) } : {}),
      attack: parseAttack(raw.attack, at('attack'), fail),
      fireWhen: parseFire(raw.fireWhen, at('fireWhen'), fail),
    };
    return compile(def, {
      id,
      title: raw.title === undefined ? id : str(raw.title, at('title'), fail),
      owasp,
      cwe,
      severity,
      intrusive: raw.intrusive === true,
      description: raw.description === undefined ? '' : str(raw.description, at('description'), fail),
      fix: raw.fix === undefined ? '' : str(raw.fix, at('fix'), fail),
    });
  });
}

type Fail = (path: ReadonlyArray<string | number>, msg: string) => never;

function parseSelect(raw: unknown, path: Array<string | number>, fail: Fail): UserTestDefinition['select'] {
  if (raw === undefined) return {};
  if (!isObject(raw)) return fail(path, 'select is a mapping (methods, paths, tags, operationIds, auth, hasParameter, deprecated)');
  for (const k of Object.keys(raw)) if (!SELECT_KEYS.has(k)) fail([...path, k], `unknown key "${k}" (expected one of: ${[...SELECT_KEYS].join(', ')})`);
  const auth = raw.auth === undefined ? undefined : str(raw.auth, [...path, 'auth'], fail);
  if (auth !== undefined && auth !== 'required' && auth !== 'public' && auth !== 'any') fail([...path, 'auth'], 'auth must be required, public or any');
  if (raw.deprecated !== undefined && typeof raw.deprecated !== 'boolean') fail([...path, 'deprecated'], 'deprecated must be true or false');
  return {
    ...(raw.methods !== undefined ? { methods: strings(raw.methods, [...path, 'methods'], fail).map((m) => m.toUpperCase()) } : {}),
    ...(raw.paths !== undefined ? { paths: strings(raw.paths, [...path, 'paths'], fail) } : {}),
    ...(raw.tags !== undefined ? { tags: strings(raw.tags, [...path, 'tags'], fail) } : {}),
    ...(raw.operationIds !== undefined ? { operationIds: strings(raw.operationIds, [...path, 'operationIds'], fail) } : {}),
    ...(auth ? { auth: auth as 'required' | 'public' | 'any' } : {}),
    ...(raw.hasParameter !== undefined ? { hasParameter: str(raw.hasParameter, [...path, 'hasParameter'], fail) } : {}),
    ...(raw.deprecated !== undefined ? { deprecated: raw.deprecated as boolean } : {}),
  };
}

function parseAttack(raw: unknown, path: Array<string | number>, fail: Fail): UserTestDefinition['attack'] {
  if (!isObject(raw)) return fail(path, 'attack is a mapping of changes to the valid request (as, method, setQuery, setHeaders, setBody, …)');
  for (const k of Object.keys(raw)) if (!ATTACK_KEYS.has(k)) fail([...path, k], `unknown key "${k}" (expected one of: ${[...ATTACK_KEYS].join(', ')})`);
  if (Object.keys(raw).length === 0) fail(path, 'attack changes nothing: give at least one change');
  const method = raw.method === undefined ? undefined : str(raw.method, [...path, 'method'], fail).toUpperCase();
  if (method !== undefined && !/^[A-Z]{3,10}$/.test(method)) fail([...path, 'method'], `not an HTTP method: ${method}`);
  const p = raw.path === undefined ? undefined : str(raw.path, [...path, 'path'], fail);
  if (p !== undefined && !p.startsWith('/')) fail([...path, 'path'], 'path must start with "/"');
  if (raw.setBody !== undefined && !isObject(raw.setBody)) fail([...path, 'setBody'], 'setBody is a mapping of top-level JSON body fields to values');
  return {
    ...(raw.as !== undefined ? { as: str(raw.as, [...path, 'as'], fail) } : {}),
    ...(method ? { method } : {}),
    ...(p ? { path: p } : {}),
    ...(raw.appendPath !== undefined ? { appendPath: str(raw.appendPath, [...path, 'appendPath'], fail) } : {}),
    ...(raw.setQuery !== undefined ? { setQuery: stringMap(raw.setQuery, [...path, 'setQuery'], fail) } : {}),
    ...(raw.removeQuery !== undefined ? { removeQuery: strings(raw.removeQuery, [...path, 'removeQuery'], fail) } : {}),
    ...(raw.setHeaders !== undefined ? { setHeaders: stringMap(raw.setHeaders, [...path, 'setHeaders'], fail) } : {}),
    ...(raw.removeHeaders !== undefined ? { removeHeaders: strings(raw.removeHeaders, [...path, 'removeHeaders'], fail) } : {}),
    ...(raw.setBody !== undefined ? { setBody: raw.setBody as Record<string, unknown> } : {}),
    ...(raw.removeBody !== undefined ? { removeBody: strings(raw.removeBody, [...path, 'removeBody'], fail) } : {}),
    ...(raw.setPathParams !== undefined ? { setPathParams: stringMap(raw.setPathParams, [...path, 'setPathParams'], fail) } : {}),
  };
}

function parseFire(raw: unknown, path: Array<string | number>, fail: Fail): UserTestDefinition['fireWhen'] {
  if (!isObject(raw) || Object.keys(raw).length === 0) return fail(path, 'fireWhen needs at least one condition (status, bodyContains, similarToBaseline, …)');
  for (const k of Object.keys(raw)) if (!FIRE_KEYS.has(k)) fail([...path, k], `unknown key "${k}" (expected one of: ${[...FIRE_KEYS].join(', ')})`);
  const ratio = (k: string): number | undefined => {
    if (raw[k] === undefined) return undefined;
    const v = raw[k];
    if (typeof v !== 'number' || v < 0 || v > 1) return fail([...path, k], `${k} is a number from 0 to 1`);
    return v;
  };
  const sim = ratio('similarToBaseline');
  const diff = ratio('differentFromBaseline');
  return {
    ...(raw.status !== undefined ? { status: statuses(raw.status, [...path, 'status'], fail) } : {}),
    ...(raw.baselineStatus !== undefined ? { baselineStatus: statuses(raw.baselineStatus, [...path, 'baselineStatus'], fail) } : {}),
    ...(raw.bodyContains !== undefined ? { bodyContains: strings(raw.bodyContains, [...path, 'bodyContains'], fail) } : {}),
    ...(raw.bodyNotContains !== undefined ? { bodyNotContains: strings(raw.bodyNotContains, [...path, 'bodyNotContains'], fail) } : {}),
    ...(raw.headerPresent !== undefined ? { headerPresent: strings(raw.headerPresent, [...path, 'headerPresent'], fail).map((h) => h.toLowerCase()) } : {}),
    ...(raw.headerContains !== undefined ? { headerContains: stringMap(raw.headerContains, [...path, 'headerContains'], fail) } : {}),
    ...(sim !== undefined ? { similarToBaseline: sim } : {}),
    ...(diff !== undefined ? { differentFromBaseline: diff } : {}),
  };
}

/** Compiles a definition into a check: select → build as `as` → mutate → judge. */
function compile(def: UserTestDefinition, info: Omit<Check, 'scope' | 'select' | 'probes' | 'judge'>): Check {
  return {
    ...info,
    scope: 'operation',
    origin: 'user',
    select: (p) => selects(def.select, p),
    async *probes(t: CheckContext) {
      const p = t.op!;
      const who = resolveActor(def.as, t.identities, p);
      if (who === null) return t.skip(`the run has no identity for "${def.as ?? ''}"`);
      const baseline = await t.baseline(p, who);
      const attack = mutate(baseline.request, def.attack, t.identities, p);
      if (!attack) return t.skip(`the run has no identity for "${def.attack.as ?? ''}"`);
      yield { label: `${info.id} on ${p.key}`, steps: [freshStep('baseline', baseline), { name: 'attack', request: attack }] } satisfies Probe;
    },
    judge: (r: ProbeResults) => judgeUserTest(def.fireWhen, r.attack, r.baseline),
  };
}

/** True when every condition of `fireWhen` holds for the attack's answer (and the baseline's). */
export function judgeUserTest(f: UserTestDefinition['fireWhen'], attack: TestExchange | undefined, baseline: TestExchange | undefined) {
  if (!attack?.response) return undefined;
  const body = attack.response.body;
  const lower = body.toLowerCase();
  const why: string[] = [];
  if (f.status) {
    if (!matchStatus(f.status, attack.response.status)) return undefined;
    why.push(`answered ${attack.response.status}`);
  }
  if (f.baselineStatus && !matchStatus(f.baselineStatus, statusOf(baseline))) return undefined;
  if (f.bodyContains) {
    const hit = f.bodyContains.find((s) => lower.includes(s.toLowerCase()));
    if (!hit) return undefined;
    why.push(`the body contains "${hit}"`);
  }
  if (f.bodyNotContains?.some((s) => lower.includes(s.toLowerCase()))) return undefined;
  if (f.headerPresent) {
    if (!f.headerPresent.every((h) => headerValue(attack.response!.headers, h) !== undefined)) return undefined;
    why.push(`with ${f.headerPresent.join(', ')}`);
  }
  if (f.headerContains) {
    for (const [h, s] of Object.entries(f.headerContains)) {
      if (!(headerValue(attack.response.headers, h) ?? '').toLowerCase().includes(s.toLowerCase())) return undefined;
    }
    why.push(`headers ${Object.entries(f.headerContains).map(([h, s]) => `${h} ∋ "${s}"`).join(', ')}`);
  }
  if (f.similarToBaseline !== undefined || f.differentFromBaseline !== undefined) {
    if (!baseline?.response) return undefined;
    const sim = bodySimilarity(body, baseline.response.body);
    if (f.similarToBaseline !== undefined && sim < f.similarToBaseline) return undefined;
    if (f.differentFromBaseline !== undefined && sim > 1 - f.differentFromBaseline) return undefined;
    why.push(`${Math.round(sim * 100)}% like the valid request's answer (${statusOf(baseline)})`);
  }
  return { message: `the attack ${why.join(', ') || 'met every condition'}`, evidence: ['attack', 'baseline'] };
}

function matchStatus(list: readonly StatusMatch[], s: number): boolean {
  return list.some((m) => (typeof m === 'number' ? m === s : Math.floor(s / 100) === Number(m[0])));
}

function selects(sel: UserTestDefinition['select'], p: PlannedOperation): boolean {
  const op = p.op;
  if (sel.methods && !sel.methods.includes(op.method)) return false;
  if (sel.paths && !sel.paths.some((g) => globMatch(g, op.path))) return false;
  if (sel.tags && !sel.tags.some((t) => op.tags.includes(t))) return false;
  if (sel.operationIds && !(op.operationId && sel.operationIds.includes(op.operationId))) return false;
  if (sel.auth === 'required' && p.requiresAuth !== true) return false;
  if (sel.auth === 'public' && p.requiresAuth !== false) return false;
  if (sel.hasParameter && !op.parameters.some((x) => x.name === sel.hasParameter)) return false;
  if (sel.deprecated !== undefined && op.deprecated !== sel.deprecated) return false;
  return true;
}

/** Glob over path templates, segment by segment: `*` one segment, `**` any number (linear-time, no regex). */
export function globMatch(glob: string, path: string): boolean {
  const g = glob.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  // positions in `s` the glob prefix can end at (a set: at most |s|+1 entries per glob segment)
  let at = new Set([0]);
  for (const seg of g) {
    const next = new Set<number>();
    for (const i of at) {
      if (seg === '**') for (let j = i; j <= s.length; j++) next.add(j);
      else if (i < s.length && (seg === '*' || seg === s[i])) next.add(i + 1);
    }
    at = next;
    if (at.size === 0) return false;
  }
  return at.has(s.length);
}

/** `victim`/`attacker` (the first and second users), `admin`, `anonymous`, or an identity's name; undefined = none. */
function resolveActor(actor: Actor | undefined, roles: IdentityRoles, p: PlannedOperation): string | undefined | null {
  if (actor === undefined) return p.requiresAuth === false ? undefined : (roles.users[0] ?? roles.admin);
  if (actor === 'anonymous') return undefined;
  if (actor === 'victim') return roles.users[0] ?? null;
  if (actor === 'attacker') return roles.users[1] ?? null;
  if (actor === 'admin') return roles.admin ?? null;
  return [...roles.users, ...(roles.admin ? [roles.admin] : []), ...roles.expired].includes(actor) ? actor : null;
}

function mutate(base: TestRequest, a: UserTestDefinition['attack'], roles: IdentityRoles, p: PlannedOperation): TestRequest | undefined {
  let r = base;
  if (a.as !== undefined) {
    const who = resolveActor(a.as, roles, p);
    if (who === null) return undefined;
    r = who === undefined ? withoutAuth(r) : withIdentity(r, who);
  }
  if (a.method) r = withMethod(r, a.method);
  for (const [k, v] of Object.entries(a.setPathParams ?? {})) r = withPathParam(r, k, v);
  if (a.path) r = withRawPath(r, a.path);
  if (a.appendPath) r = withRawPath(r, `${r.path.replace(/\/$/, '')}${a.appendPath.startsWith('/') ? '' : '/'}${a.appendPath}`);
  for (const k of a.removeQuery ?? []) r = withoutQueryParam(r, k);
  for (const [k, v] of Object.entries(a.setQuery ?? {})) r = withQueryParam(r, k, v);
  for (const k of a.removeHeaders ?? []) r = withoutHeader(r, k);
  for (const [k, v] of Object.entries(a.setHeaders ?? {})) r = withHeader(r, k, v);
  for (const k of a.removeBody ?? []) r = withoutBodyField(r, [k]);
  for (const [k, v] of Object.entries(a.setBody ?? {})) r = withBodyField(r, [k], v);
  return { ...r, valid: false };
}

function statuses(raw: unknown, path: Array<string | number>, fail: Fail): StatusMatch[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v, i) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599) return v;
    if (typeof v === 'string' && /^[1-5]xx$/i.test(v)) return v.toLowerCase() as StatusMatch;
    return fail(Array.isArray(raw) ? [...path, i] : path, `a status is a code (200) or a class ("2xx"), got ${JSON.stringify(v)}`);
  });
}

function str(v: unknown, path: Array<string | number>, fail: Fail): string {
  if (typeof v !== 'string' || !v.trim()) return fail(path, 'expected a non-empty string');
  if (v.length > 2000) return fail(path, 'at most 2000 characters');
  return v;
}

function strings(v: unknown, path: Array<string | number>, fail: Fail): string[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length > 100) fail(path, 'at most 100 entries');
  return list.map((x, i) => str(x, Array.isArray(v) ? [...path, i] : path, fail));
}

function stringMap(v: unknown, path: Array<string | number>, fail: Fail): Record<string, string> {
  if (!isObject(v)) return fail(path, 'expected a mapping of names to values');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'number' || typeof x === 'boolean' ? String(x) : str(x, [...path, k], fail)]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
