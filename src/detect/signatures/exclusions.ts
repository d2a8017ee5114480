/**
 * Exclusions tune false positives: a match is dropped when the request's endpoint, the match's target and its
 * rule or class all fit one exclusion. Validated once at engine creation (a bad key is reported with its path,
 * e.g. `exclusions[2].classes[0]`), then compiled into matchers.
 */
import { RampartError } from '../../core/index.js';
import { ATTACK_CLASSES, type AttackClass } from './types.js';

const KEYS = new Set(['path', 'target', 'rules', 'classes']);
const METHODS = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT)$/;

export interface CompiledExclusion {
  readonly method?: string;
  /** Path segments: literal, `*` (one segment; `{param}` compiles to it) or `**` (any number). */
  readonly segments?: readonly string[];
  readonly target?: string;
  readonly rules?: ReadonlySet<string>;
  readonly classes?: ReadonlySet<AttackClass>;
}

function fail(where: string, detail: string): never {
  throw new RampartError('E_CONFIG_INVALID', detail, { location: where });
}

/** Checks and compiles exclusions; `knownRules` are the rule ids of the engine. */
export function compileExclusions(input: unknown, knownRules: ReadonlySet<string>, where = 'exclusions'): CompiledExclusion[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) fail(where, 'exclusions must be an array of objects');
  return input.map((raw: unknown, i) => {
    const at = `${where}[${i}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(at, 'an exclusion must be an object with path, target, rules or classes');
    const ex = raw as Record<string, unknown>;
    for (const k of Object.keys(ex)) if (!KEYS.has(k)) fail(`${at}.${k}`, `unknown key "${k}" (allowed: path, target, rules, classes)`);
    if (ex.path === undefined && ex.target === undefined && ex.rules === undefined && ex.classes === undefined) fail(at, 'an exclusion needs at least one of path, target, rules, classes');
    const out: { method?: string; segments?: string[]; target?: string; rules?: Set<string>; classes?: Set<AttackClass> } = {};
    if (ex.path !== undefined) {
      if (typeof ex.path !== 'string' || ex.path.trim() === '') fail(`${at}.path`, 'path must be a non-empty string like "/users/{id}", "POST /login" or "/api/**"');
      let p = ex.path.trim();
      const space = p.indexOf(' ');
      if (space !== -1) {
        const method = p.slice(0, space).toUpperCase();
        if (!METHODS.test(method)) fail(`${at}.path`, `"${p.slice(0, space)}" is not an HTTP method`);
        out.method = method;
        p = p.slice(space + 1).trim();
      }
      if (!p.startsWith('/')) fail(`${at}.path`, `path "${p}" must start with "/"`);
      out.segments = splitPath(p).map((s) => (s.startsWith('{') && s.endsWith('}') ? '*' : s));
    }
    if (ex.target !== undefined) {
      if (typeof ex.target !== 'string' || !/^(?:path|query|form|multipart|json|xml|cookie|header|body)(?::|$)/.test(ex.target)) {
        fail(`${at}.target`, 'target must be a location such as "query:q", "json:$.note", "header:referer", "cookie:sid", "path" or "body" (a trailing * matches a prefix)');
      }
      out.target = ex.target;
    }
    if (ex.rules !== undefined) {
      if (!Array.isArray(ex.rules) || ex.rules.length === 0) fail(`${at}.rules`, 'rules must be a non-empty array of rule ids');
      ex.rules.forEach((r: unknown, j: number) => {
        if (typeof r !== 'string' || !knownRules.has(r)) fail(`${at}.rules[${j}]`, `unknown rule id ${JSON.stringify(r)} (see docs/detection/signatures.md for the list)`);
      });
      out.rules = new Set(ex.rules as string[]);
    }
    if (ex.classes !== undefined) {
      if (!Array.isArray(ex.classes) || ex.classes.length === 0) fail(`${at}.classes`, 'classes must be a non-empty array of attack classes');
      ex.classes.forEach((c: unknown, j: number) => {
        if (typeof c !== 'string' || !(ATTACK_CLASSES as readonly string[]).includes(c)) fail(`${at}.classes[${j}]`, `unknown class ${JSON.stringify(c)} (classes: ${ATTACK_CLASSES.join(', ')})`);
      });
      out.classes = new Set(ex.classes as AttackClass[]);
    }
    return Object.freeze(out);
  });
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

/** Segment-wise glob match: `*` is one segment, `**` any number (iterative, O(n·m) worst case on tiny inputs). */
export function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < path.length) {
    const p = pattern[pi];
    if (p === '**') {
      starP = pi++;
      starS = si;
    } else if (p !== undefined && (p === '*' || p === path[si] || (path[si]?.startsWith('{') && path[si]?.endsWith('}')))) {
      pi++;
      si++;
    } else if (starP !== -1) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[pi] === '**') pi++;
  return pi === pattern.length;
}

/** Location match: exact, or with `*` wildcards (any run of characters). */
export function matchLocation(pattern: string, location: string): boolean {
  if (pattern.indexOf('*') === -1) return pattern === location;
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < location.length) {
    if (p < pattern.length && pattern[p] === location[s] && pattern[p] !== '*') {
      p++;
      s++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = s;
    } else if (star !== -1) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The exclusions that apply to one request (filtered by method and path once per request). */
export function exclusionsFor(all: readonly CompiledExclusion[], method: string, pathOrTemplate: string): CompiledExclusion[] {
  if (all.length === 0) return [];
  const segs = splitPath(pathOrTemplate);
  return all.filter((e) => (e.method === undefined || e.method === method) && (e.segments === undefined || matchSegments(e.segments, segs)));
}

/** True when a match of `rule`/`cls` at `location` is excluded by one of the request's exclusions. */
export function isExcluded(active: readonly CompiledExclusion[], rule: string, cls: AttackClass, location: string): boolean {
  for (const e of active) {
    if (e.rules && !e.rules.has(rule)) continue;
    if (e.classes && !e.classes.has(cls)) continue;
    if (e.target !== undefined && !matchLocation(e.target, location)) continue;
    return true;
  }
  return false;
}
