/**
 * The operation router: request method + raw path (+ host) → the spec operation and its path parameters.
 * A segment trie built once per description; a match walks the request's segments, trying at each level the
 * literal child, then partial-segment patterns (most specific first), then the whole-segment parameter, and
 * backtracks when a branch dead-ends — so concrete paths win over templated ones (OpenAPI rule) without a list of
 * regexes. Server base paths (every server of the operation, or of the document) are part of the trie.
 *
 * Policies (see docs/specs.md):
 * - trailing slash: `ignore` (default) lets `/users/` match `/users` and the reverse when the spec does not
 *   declare both; `strict` matches only as written.
 * - host: when given and a server with that host exists, only operations served there match; otherwise (a gateway
 *   reached under another name) every server matches, unless `strictHost`.
 * - HEAD falls back to GET when the path has no HEAD operation.
 * - Parameter values are percent-decoded (`%2F` stays inside its segment); literal segments compare decoded too.
 * - Paths with query strings written into the template (`/current?city={city}`) route on the part before `?`;
 *   operations sharing a method and path are told apart by the query names present (pass `query`).
 */
import type { ApiDescription, ApiOperation, ApiServer } from '../core/api-description.js';
import { safeDecode } from '../core/http.js';
import { matchPattern, parsePathTemplate, patternSpecificity, type TemplateSegment } from './path-template.js';

export interface RouteMatch {
  readonly operation: ApiOperation;
  /** Decoded path parameter values by name (base-path variables of the server included). */
  readonly pathParams: Record<string, string>;
}

export interface OperationRouter {
  /**
   * The operation for `method` and the raw request `path` (no query; percent-escapes as sent), or undefined.
   * `host` (lower-case `host[:port]`) prefers operations of servers on that host; `query` (raw, without `?`) tells
   * apart operations whose templates carry query names.
   */
  match(method: string, path: string, host?: string, query?: string): RouteMatch | undefined;
  /** Every operation whose path matches, whatever its method (one per method): "known path, wrong method" → 405. */
  matchPath(path: string, host?: string): RouteMatch[];
}

export interface OperationRouterOptions {
  /** `ignore` (default): one trailing slash more or less still matches; `strict`: exact. */
  readonly trailingSlash?: 'ignore' | 'strict';
  /** Reject requests whose host matches no absolute server (default false: the host only breaks ties). */
  readonly strictHost?: boolean;
}

/** Requests with more segments than this never match (bounds the walk on hostile paths). */
const MAX_SEGMENTS = 256;

interface Route {
  readonly operation: ApiOperation;
  /** Names of the captured values, in capture order. */
  readonly names: readonly string[];
  /** Hosts of the absolute servers this route came from; undefined when one of them is relative (any host). */
  readonly hosts: ReadonlySet<string> | undefined;
  readonly queryNames: readonly string[];
}

interface TrieNode {
  literals: Map<string, TrieNode> | undefined;
  patterns: Array<{ seg: Extract<TemplateSegment, { kind: 'pattern' }>; key: string; node: TrieNode }> | undefined;
  param: TrieNode | undefined;
  /** Upper-case method → routes ending here, in spec order. */
  routes: Map<string, Route[]> | undefined;
}

function newNode(): TrieNode {
  return { literals: undefined, patterns: undefined, param: undefined, routes: undefined };
}

/** Builds the router for a description (once; matching allocates only the result). */
export function createOperationRouter(description: ApiDescription, options: OperationRouterOptions = {}): OperationRouter {
  const root = newNode();
  const knownHosts = new Set<string>();
  const ignoreSlash = (options.trailingSlash ?? 'ignore') === 'ignore';

  for (const operation of description.operations) {
    const servers = operation.servers ?? description.servers;
    const byBase = new Map<string, ApiServer[]>();
    for (const s of servers.length > 0 ? servers : [{ url: '/', basePath: '' }]) {
      const list = byBase.get(s.basePath) ?? [];
      list.push(s);
      byBase.set(s.basePath, list);
    }
    const tpl = parsePathTemplate(operation.path);
    for (const [basePath, list] of byBase) {
      const base = parsePathTemplate(basePath).segments;
      const segments = [...base, ...tpl.segments];
      let hosts: Set<string> | undefined = new Set<string>();
      for (const s of list) {
        if (s.host === undefined) hosts = undefined;
        else {
          hosts?.add(s.host);
          knownHosts.add(s.host);
        }
      }
      insert(root, segments, { operation, names: namesOf(segments), hosts, queryNames: tpl.queryNames });
    }
  }

  const splitPath = (path: string): string[] | undefined => {
    if (!path.startsWith('/')) return undefined;
    const segs = path.slice(1).split('/', MAX_SEGMENTS + 1);
    if (segs.length > MAX_SEGMENTS) return undefined;
    // the root path `/` is zero segments
    if (segs.length === 1 && segs[0] === '') return [];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i] as string;
      if (s.indexOf('%') !== -1) segs[i] = safeDecode(s);
    }
    return segs;
  };

  const hostFilterFor = (host: string | undefined): string | undefined => {
    if (host === undefined || host === '' || knownHosts.size === 0) return undefined;
    const h = host.toLowerCase();
    return knownHosts.has(h) ? h : undefined;
  };

  // one walk state per router, reset per call: matching is synchronous, so it is never shared
  const state: WalkState = { method: '', host: undefined, query: undefined, captures: [], ignoreSlash, collect: undefined };

  return {
    match(method, path, host, query) {
      const segs = splitPath(path);
      if (segs === undefined) return undefined;
      const h = hostFilterFor(host);
      if (h === undefined && options.strictHost && host && knownHosts.size > 0) return undefined;
      state.method = method.toUpperCase();
      state.host = h;
      state.query = query;
      state.captures.length = 0;
      state.collect = undefined;
      const route = walk(root, segs, 0, state);
      if (!route) return undefined;
      return { operation: route.operation, pathParams: toParams(route.names, state.captures) };
    },
    matchPath(path, host) {
      const segs = splitPath(path);
      if (segs === undefined) return [];
      const h = hostFilterFor(host);
      const found = new Map<string, RouteMatch>();
      state.method = '';
      state.host = h;
      state.query = undefined;
      state.captures.length = 0;
      // enumerate every leaf in precedence order; the first route per method wins
      state.collect = (routes) => {
        for (const [m, list] of routes) {
          if (found.has(m)) continue;
          const r = list.find((x) => h === undefined || x.hosts === undefined || x.hosts.has(h));
          if (r) found.set(m, { operation: r.operation, pathParams: toParams(r.names, state.captures) });
        }
      };
      walk(root, segs, 0, state);
      state.collect = undefined;
      return [...found.values()];
    },
  };
}

interface WalkState {
  method: string;
  /** A host some server declares, or undefined (no host preference). */
  host: string | undefined;
  query: string | undefined;
  /** Parameter values along the current branch. */
  readonly captures: string[];
  readonly ignoreSlash: boolean;
  /** matchPath: called at every node holding routes; the walk then never stops early. */
  collect: ((routes: Map<string, Route[]>) => void) | undefined;
}

function namesOf(segments: readonly TemplateSegment[]): string[] {
  const names: string[] = [];
  for (const s of segments) {
    if (s.kind === 'param') names.push(s.name);
    else if (s.kind === 'pattern') names.push(...s.names);
  }
  return names;
}

function insert(root: TrieNode, segments: readonly TemplateSegment[], route: Route): void {
  let node = root;
  for (const seg of segments) {
    if (seg.kind === 'literal') {
      node.literals ??= new Map();
      let next = node.literals.get(seg.text);
      if (!next) node.literals.set(seg.text, (next = newNode()));
      node = next;
    } else if (seg.kind === 'param') {
      node.param ??= newNode();
      node = node.param;
    } else {
      node.patterns ??= [];
      const key = `${seg.literals.join('\u0000')}\u0001${seg.names.length}`;
      let entry = node.patterns.find((p) => p.key === key);
      if (!entry) {
        entry = { seg, key, node: newNode() };
        node.patterns.push(entry);
        node.patterns.sort((a, b) => patternSpecificity(b.seg) - patternSpecificity(a.seg));
      }
      node = entry.node;
    }
  }
  node.routes ??= new Map();
  const m = route.operation.method.toUpperCase();
  const list = node.routes.get(m) ?? [];
  list.push(route);
  node.routes.set(m, list);
}

/** At a node holding routes: the route for the request (or, for matchPath, collect and go on). */
function pick(routes: Map<string, Route[]>, state: WalkState): Route | undefined {
  if (state.collect) {
    state.collect(routes);
    return undefined;
  }
  return chooseRoute(routes, state.method, state.host, state.query);
}

/** Depth-first walk in precedence order: literal, patterns (most specific first), parameter; backtracks. */
function walk(node: TrieNode, segs: readonly string[], i: number, state: WalkState): Route | undefined {
  if (i === segs.length) {
    if (node.routes) {
      const r = pick(node.routes, state);
      if (r) return r;
    }
    // `/users` against a template `/users/`
    if (state.ignoreSlash) {
      const slash = node.literals?.get('');
      if (slash?.routes) return pick(slash.routes, state);
    }
    return undefined;
  }
  const seg = segs[i] as string;
  // `/users/` against a template `/users`: the trailing empty segment is dropped
  if (state.ignoreSlash && seg === '' && i === segs.length - 1 && i > 0 && node.routes && !node.literals?.has('')) {
    const r = pick(node.routes, state);
    if (r) return r;
  }
  const lit = node.literals?.get(seg);
  if (lit) {
    const r = walk(lit, segs, i + 1, state);
    if (r) return r;
  }
  if (seg === '') return undefined;
  const captures = state.captures;
  if (node.patterns) {
    for (const p of node.patterns) {
      const mark = captures.length;
      if (!matchPattern(p.seg, seg, captures)) continue;
      const r = walk(p.node, segs, i + 1, state);
      if (r) return r;
      captures.length = mark;
    }
  }
  if (node.param) {
    captures.push(seg);
    const r = walk(node.param, segs, i + 1, state);
    if (r) return r;
    captures.pop();
  }
  return undefined;
}

/** The route for a method at a node: host-served first, HEAD → GET, query names to break ties. */
function chooseRoute(routes: Map<string, Route[]>, method: string, host: string | undefined, query: string | undefined): Route | undefined {
  let list = routes.get(method);
  if (!list && method === 'HEAD') list = routes.get('GET');
  if (!list) return undefined;
  if (list.length === 1) {
    const only = list[0] as Route;
    // a known host that does not serve this path: another server's operation is not this one
    return host === undefined || only.hosts === undefined || only.hosts.has(host) ? only : undefined;
  }
  const candidates = host === undefined ? list : list.filter((r) => r.hosts === undefined || r.hosts.has(host));
  if (candidates.length <= 1) return candidates[0];
  const present = query ? new Set(query.split('&').map((p) => p.slice(0, p.indexOf('=') === -1 ? p.length : p.indexOf('=')))) : undefined;
  let fallback: Route | undefined;
  for (const r of candidates) {
    if (r.queryNames.length === 0) {
      fallback ??= r;
      continue;
    }
    if (present && r.queryNames.every((n) => present.has(n))) return r;
  }
  return fallback ?? candidates[0];
}

function toParams(names: readonly string[], values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let k = 0; k < names.length && k < values.length; k++) out[names[k] as string] = values[k] as string;
  return out;
}
