/**
 * The inventory learner: exchanges in, endpoints out. Pure and incremental — it aggregates (it never keeps
 * exchanges), starts from the endpoints already stored (`existing`, with their JSON state), and returns what to
 * upsert and which stored keys were merged away.
 *
 * Per exchange: skip page loads and static assets (unless `includeNonApi`); match the request against the specs
 * (a documented operation gives its template and parameter names); otherwise walk the host's path tree (ids and
 * other values become parameters at once, words wait for the structural learner); then count into the
 * endpoint's accumulator, reading values/bodies/samples on inspected exchanges. `finish()` runs the structural
 * learner, re-matches learned templates against the specs, renders the endpoints and applies the spec diff.
 */
import {
  headerValue,
  parseCookies,
  parseQuery,
  splitTarget,
  type ApiDescription,
  type Endpoint,
  type EndpointStatus,
  type Exchange,
  type JsonValue,
  type SensitiveType,
} from '../core/index.js';
import { createOperationRouter } from '../spec/index.js';
import { classifyValue } from './classifiers/index.js';
import { detectAuth } from './detect-auth.js';
import { DEFAULT_ACCUMULATOR_CONTEXT, EndpointAccumulator, shouldInspect, type AccumulatorContext, type Classify } from './endpoint-accumulator.js';
import { paramBaseName, segmentSuffix, splitPath, uniqueName, type PathSegment } from './path-template.js';
import { DEFAULT_TREE_OPTIONS, PathForest, PathNode, forEachAccumulator, type TreeOptions } from './path-tree.js';
import { DEFAULT_SHAPE_LIMITS, type ShapeLimits } from './schema-shape.js';
import { applySpec, describedEndpoint, normaliseTemplate, VersionIndex } from './spec-diff.js';
import { SpecIndex, operationTemplates, type MatcherFactory, type SpecMatch, type SpecOperation } from './spec-index.js';

/** An endpoint with the learner's state: the same shape as the store's `EndpointRecord`. */
export interface LearnedEndpoint {
  readonly endpoint: Endpoint;
  readonly state: JsonValue;
}

export interface LearnStats {
  /** Exchanges given to `add`. */
  readonly exchanges: number;
  /**
   * Exchanges not learned: page loads/static assets (`nonApi`), over the endpoint bound (`overflow`), or not a
   * well-formed exchange (`invalid`: missing method, target or headers).
   */
  readonly skipped: { readonly nonApi: number; readonly overflow: number; readonly invalid: number };
  readonly endpoints: { readonly new: number; readonly updated: number; readonly deleted: number; readonly total: number };
  /** Endpoints per status after this run. */
  readonly byStatus: Readonly<Record<EndpointStatus, number>>;
  /** Sensitive data types found, with the number of endpoints where each was seen. */
  readonly sensitiveTypes: Readonly<Partial<Record<SensitiveType, number>>>;
}

export interface LearnResult {
  /** New and changed endpoints (to insert or replace). */
  readonly upserts: LearnedEndpoint[];
  /** Keys of stored endpoints that no longer exist (merged into a template, or orphans now seen). */
  readonly deletes: string[];
  readonly stats: LearnStats;
}

export interface InventoryLearnerOptions {
  /** Endpoints already in the store (their state is merged into). */
  readonly existing?: readonly LearnedEndpoint[];
  /** Specs to compare traffic with (documented / shadow / zombie / orphan). */
  readonly specs?: readonly ApiDescription[];
  /** Clock for samples of exchanges without a time. */
  readonly now?: () => number;
  /** Redacted samples kept per endpoint (default 3). */
  readonly maxSamples?: number;
  /** Sensitive-data classifier (default: the built-in `classifyValue`). */
  readonly classify?: Classify;
  /** Keep page loads and static assets (default false: only API traffic is learned). */
  readonly includeNonApi?: boolean;
  /** Read values of every exchange instead of a thinning sample after the first 64 per endpoint. */
  readonly inspectAll?: boolean;
  /** Structural learning thresholds and memory bounds. */
  readonly tree?: Partial<TreeOptions>;
  /** Schema inference bounds. */
  readonly limits?: Partial<ShapeLimits>;
  /** How requests are matched to a description's operations (default: the spec module's `createOperationRouter`). */
  readonly matcher?: MatcherFactory;
}

export interface InventoryLearner {
  add(exchange: Exchange): void;
  /** Adds a spec or Postman collection (documentation) or discovery results, compared like `specs`. */
  addDescription(description: ApiDescription): void;
  finish(): LearnResult;
  /** After `finish()`: the key of the endpoint a request belongs to, or undefined (unknown path or method). */
  resolve(method: string, host: string, path: string): string | undefined;
}

/** Extensions of static assets (never API endpoints). */
const STATIC_EXTENSIONS = new Set([
  '.js', '.mjs', '.cjs', '.css', '.map', '.png', '.jpg', '.jpeg', '.gif', '.svg', '.ico', '.webp', '.avif', '.bmp', '.woff', '.woff2',
  '.ttf', '.otf', '.eot', '.html', '.htm', '.xhtml', '.mp4', '.webm', '.mp3', '.wav', '.ogg', '.webmanifest',
  // downloads served as files (access logs of websites are full of them); documents an API may generate
  // (.pdf invoices, .csv/.xlsx exports, .json, .xml) stay
  '.txt', '.zip', '.gz', '.tgz', '.tar', '.bz2', '.xz',
  '.7z', '.rar', '.jar', '.war', '.exe', '.msi', '.dmg', '.iso', '.apk', '.deb', '.rpm', '.avi', '.mov', '.flac', '.m4a', '.tif',
  '.tiff', '.psd', '.swf', '.lua', '.vim', '.patch', '.diff',
]);

/**
 * True for exchanges that are API calls: not a static asset (by extension), not a browser page load or
 * sub-resource (`Sec-Fetch-Dest` other than `empty`, or an HTML response to a request accepting HTML first),
 * not a CORS preflight.
 */
export function isApiExchange(ex: Exchange): boolean {
  const req = ex.request;
  if (req.method === 'OPTIONS' && headerValue(req.headers, 'access-control-request-method') !== undefined) return false;
  const { path } = splitTarget(req.target);
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  if (dot > 0 && STATIC_EXTENSIONS.has(last.slice(dot).toLowerCase())) return false;
  const dest = headerValue(req.headers, 'sec-fetch-dest');
  if (dest !== undefined && dest !== '' && dest !== 'empty') return false;
  const accept = headerValue(req.headers, 'accept') ?? '';
  if (accept.startsWith('text/html') && ex.response) {
    const ct = headerValue(ex.response.headers, 'content-type') ?? '';
    if (ct.startsWith('text/html')) return false;
  }
  return true;
}

/** The fields the learner reads, with the right types (sources guarantee them; this guards the rest). */
function isWellFormed(ex: Exchange): boolean {
  const r = ex?.request;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.method === 'string' &&
    r.method.length > 0 &&
    r.method.length <= 32 &&
    typeof r.target === 'string' &&
    typeof r.host === 'string' &&
    Array.isArray(r.headers) &&
    (ex.response === undefined || (typeof ex.response === 'object' && ex.response !== null && Array.isArray(ex.response.headers))) &&
    typeof ex.time === 'number'
  );
}

interface Rendered {
  readonly node: PathNode;
  readonly method: string;
  readonly acc: EndpointAccumulator;
  readonly host: string;
  readonly path: string;
  readonly key: string;
  readonly params: Array<{ position: number; name: string }>;
  readonly learned: number[];
}

/** `METHOD host template`, the stable key of an endpoint. */
export function endpointKey(method: string, host: string, path: string): string {
  return `${method} ${host} ${path}`;
}

/** Creates a learner. See the module comment and docs/inventory.md. */
export function createInventoryLearner(options: InventoryLearnerOptions = {}): InventoryLearner {
  const now = options.now ?? Date.now;
  const ctx: AccumulatorContext = {
    ...DEFAULT_ACCUMULATOR_CONTEXT,
    limits: { ...DEFAULT_SHAPE_LIMITS, ...options.limits },
    maxSamples: options.maxSamples ?? DEFAULT_ACCUMULATOR_CONTEXT.maxSamples,
    classify: options.classify ?? classifyValue,
    now,
  };
  const treeOptions: TreeOptions = { ...DEFAULT_TREE_OPTIONS, ...options.tree };
  const forest = new PathForest(treeOptions, {
    onLearnedValue(node, position, value, param) {
      forEachAccumulator(node, (acc) => acc.observeLearnedValue(position, value, ctx, param.names[0] ?? 'name'));
    },
    mergeAccumulators(into, from) {
      into.merge(from, ctx);
    },
    nameFor(parent) {
      return paramBaseName('word', parent.isParam || parent.depth < 0 ? undefined : parent.text);
    },
  });
  const specs = new SpecIndex(options.matcher ?? ((d) => createOperationRouter(d)));
  /** Spec operation of a spec-template terminal node, by method. */
  const specAt = new Map<PathNode, Map<string, SpecOperation>>();
  const terminalCache = new Map<string, PathNode>();
  const hostsWithSpecs = new Set<string>();
  const versions = new VersionIndex();
  const existingViews = new Map<string, Endpoint>();
  const storedKeys = new Set<string>();
  let exchanges = 0;
  let nonApi = 0;
  let overflow = 0;
  let invalid = 0;
  let finished = false;

  // ---- stored endpoints back into the trees
  for (const le of options.existing ?? []) {
    const e = le.endpoint;
    if (!e || typeof e.key !== 'string' || typeof e.path !== 'string' || typeof e.method !== 'string') continue;
    storedKeys.add(e.key);
    existingViews.set(e.key, e);
    // documented-only endpoints (orphans) are regenerated from the specs of this run; anything else known from
    // another source (discovery) is kept as it is, and traffic merges into it
    const sources = Array.isArray(e.sources) ? e.sources : [];
    if (!(e.hits > 0) && sources.every((x) => x === 'spec' || x === 'postman')) continue;
    let acc: EndpointAccumulator;
    let learned: number[] = [];
    try {
      ({ acc, learned } = EndpointAccumulator.fromState(le.state));
    } catch {
      acc = EndpointAccumulator.fromEndpoint(e);
    }
    acc.origKeys.add(e.key);
    acc.dirty = false;
    const node = insertTemplate(e.host ?? '', e.path, new Set(learned), 'stored');
    addHits(e.host ?? '', e.path, acc.hits);
    const mine = node.endpoints.get(e.method);
    if (mine) mine.merge(acc, ctx);
    else {
      node.endpoints.set(e.method, acc);
      forest.endpointCount++;
    }
  }
  for (const d of options.specs ?? []) addDescription(d);

  /** Walks (creating) the nodes of a template; `learned` positions become learned parameters. */
  function insertTemplate(host: string, template: string, learned: ReadonlySet<number>, origin: 'stored' | 'spec'): PathNode {
    let node = forest.root(host);
    const segs = template.split('/').filter(Boolean);
    segs.forEach((seg, i) => {
      if (seg.indexOf('{') !== -1) {
        const names = [...seg.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] as string);
        const pattern = seg.replace(/\{[^{}]*\}/g, '{}');
        const paramOrigin = origin === 'spec' ? 'spec' : learned.has(i) ? 'learned' : 'kind';
        const child = forest.paramChild(node, pattern, () => names, paramOrigin);
        if (origin === 'spec' && child.names.join() !== names.join()) child.names = names;
        node = child;
      } else {
        let child = node.literals.get(seg);
        if (!child) node.literals.set(seg, (child = new PathNode(seg, false, node.depth + 1)));
        if (origin === 'spec') child.pinned = true;
        node = child;
      }
    });
    return node;
  }

  function addHits(host: string, template: string, hits: number): void {
    let node: PathNode | undefined = forest.root(host);
    node.hits += hits;
    for (const seg of template.split('/').filter(Boolean)) {
      const next: PathNode | undefined = seg.indexOf('{') !== -1 ? node.params.get(seg.replace(/\{[^{}]*\}/g, '{}')) : node.literals.get(seg);
      if (!next) return;
      next.hits += hits;
      node = next;
    }
  }

  /** Puts every documented template into a host's tree (pinned literals, named parameters). */
  function seedSpecs(host: string): void {
    if (hostsWithSpecs.has(host)) return;
    hostsWithSpecs.add(host);
    for (const so of specs.operations()) seedOperation(host, so);
  }

  function seedOperation(host: string, so: SpecOperation): void {
    for (const t of operationTemplates(so.description, so.operation)) {
      if (t.host && host && t.host !== host) continue;
      const node = insertTemplate(host, t.template, new Set(), 'spec');
      let byMethod = specAt.get(node);
      if (!byMethod) specAt.set(node, (byMethod = new Map()));
      if (!byMethod.has(so.operation.method) || so.documents) byMethod.set(so.operation.method, so);
    }
  }

  function addDescription(description: ApiDescription): void {
    if (finished) throw new Error('inventory learner: addDescription() after finish()');
    const index = specs.size;
    specs.add(description);
    terminalCache.clear();
    for (const so of specs.operations()) {
      if (so.descriptionIndex !== index) continue;
      if (so.documents) for (const t of operationTemplates(so.description, so.operation)) versions.add(t.template);
      for (const host of hostsWithSpecs) seedOperation(host, so);
    }
  }

  function specTerminal(host: string, m: SpecMatch): PathNode {
    const ck = `${host}\u0000${m.descriptionIndex}\u0000${m.operation.pointer}\u0000${m.template}`;
    let node = terminalCache.get(ck);
    if (!node) {
      node = insertTemplate(host, m.template, new Set(), 'spec');
      let byMethod = specAt.get(node);
      if (!byMethod) specAt.set(node, (byMethod = new Map()));
      if (!byMethod.has(m.operation.method) || m.documents) byMethod.set(m.operation.method, m);
      if (terminalCache.size < 10_000) terminalCache.set(ck, node);
    }
    return node;
  }

  /** Walks the learned tree for a request path; returns the terminal node and the parameter values met. */
  function walk(
    host: string,
    segments: readonly PathSegment[],
    pathValues: Array<{ position: number; value: string; name: string }>,
    created: Array<{ parent: PathNode; child: PathNode }>,
    countHits = true,
  ): PathNode {
    let node = forest.root(host);
    if (countHits) node.hits++;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as PathSegment;
      let child: PathNode;
      if (seg.kind === 'literal') {
        const known = node.literals.get(seg.raw) ?? forest.absorbingParam(node, seg.raw, 'spec');
        child = known ?? forest.literalChild(node, seg.raw);
        if (!known && !child.isParam && child.hits === 0 && child.endpoints.size === 0) created.push({ parent: node, child });
        if (child.isParam) {
          const ext = child.text.length > 2 ? child.text.slice(2) : '';
          const value = ext && seg.value.endsWith(ext) ? seg.value.slice(0, seg.value.length - ext.length) : seg.value;
          child.noteValue(value);
          pathValues.push({ position: i, value, name: child.names[0] ?? 'id' });
        }
      } else {
        const parent = node;
        const pattern = `{}${seg.suffix}`;
        const existed = node.params.has(pattern);
        child = forest.paramChild(node, pattern, () => [paramBaseName(seg.kind, parent.isParam || parent.depth < 0 ? undefined : parent.text)], 'kind');
        if (!existed) created.push({ parent: node, child });
        child.noteValue(seg.value, seg.kind, seg.raw);
        pathValues.push({ position: i, value: seg.value, name: child.names[0] ?? 'id' });
      }
      if (countHits) child.hits++;
      node = child;
    }
    return node;
  }

  /** Removes the nodes a walk created that hold nothing (the exchange was not kept). */
  function prune(created: ReadonlyArray<{ parent: PathNode; child: PathNode }>): void {
    for (let i = created.length - 1; i >= 0; i--) {
      const { parent, child } = created[i] as { parent: PathNode; child: PathNode };
      if (child.endpoints.size || child.literals.size || child.params.size) continue;
      if (child.isParam) {
        if (parent.params.get(child.text) === child) parent.params.delete(child.text);
      } else if (parent.literals.get(child.text) === child) parent.literals.delete(child.text);
    }
  }

  function add(exchange: Exchange): void {
    if (finished) throw new Error('inventory learner: add() after finish()');
    exchanges++;
    try {
      if (!isWellFormed(exchange)) {
        invalid++;
        return;
      }
      if (!options.includeNonApi && !isApiExchange(exchange)) {
        nonApi++;
        return;
      }
      learnOne(exchange);
    } catch {
      // one bad exchange never ends an import: it is counted, the rest goes on
      invalid++;
    }
  }

  function learnOne(exchange: Exchange): void {
    const req = exchange.request;
    const method = req.method.toUpperCase();
    const host = req.host;
    const { path, query: rawQuery } = splitTarget(req.target);
    const query = parseQuery(rawQuery, 200);
    const cookies = parseCookies(headerValue(req.headers, 'cookie'), 100);
    const auth = detectAuth(req.headers, query, cookies);
    const authQuery = auth.some((a) => a.kind === 'api-key-query') ? new Set(auth.filter((a) => a.kind === 'api-key-query').map((a) => a.name)) : undefined;
    const segments = splitPath(path);
    const pathValues: Array<{ position: number; value: string; name: string }> = [];
    const created: Array<{ parent: PathNode; child: PathNode }> = [];

    if (!forest.roots.has(host) && forest.roots.size >= treeOptions.maxHosts) {
      overflow++; // memory bound: a new host past the limit (e.g. Host headers an attacker makes up) is not learned
      return;
    }
    if (specs.size) seedSpecs(host);
    let node: PathNode | undefined;
    const m = specs.size ? specs.match(method, path, host) : undefined;
    if (m) {
      node = specTerminal(host, m);
      const tsegs = m.template.split('/').filter(Boolean);
      tsegs.forEach((t, position) => {
        const name = /^\{([^{}]*)\}$/.exec(t)?.[1];
        if (name !== undefined && m.pathParams[name] !== undefined) pathValues.push({ position, value: m.pathParams[name] as string, name });
      });
      addHits(host, m.template, 1);
    } else {
      node = walk(host, segments, pathValues, created);
    }
    let acc = node.endpoints.get(method);
    if (!acc) {
      if (forest.endpointCount >= treeOptions.maxEndpoints) {
        // memory bound: force decisions along the path, then give up on this exchange (and the nodes it made)
        prune(created);
        let n: PathNode | undefined = forest.root(host);
        for (const seg of segments) {
          if (!n) break;
          forest.decide(n, true);
          n = n.literals.get(seg.raw) ?? n.params.get(`{}${seg.suffix}`) ?? n.params.get('{}');
        }
        pathValues.length = 0;
        created.length = 0;
        node = m ? node : walk(host, segments, pathValues, created, false);
        acc = node.endpoints.get(method);
        if (!acc && forest.endpointCount >= treeOptions.maxEndpoints) {
          prune(created);
          overflow++;
          return;
        }
      }
      if (!acc) {
        acc = new EndpointAccumulator(method);
        node.endpoints.set(method, acc);
        forest.endpointCount++;
      }
    }
    const inspect = options.inspectAll === true || shouldInspect(acc.hits + 1);
    acc.observe(
      {
        exchange,
        segments,
        query: authQuery ? query.filter(([n]) => !authQuery.has(n)) : query,
        cookies,
        auth,
        pathValues,
        inspect,
      },
      ctx,
    );
  }

  /** Re-homes learned endpoints whose template a spec documents (specs added after their traffic). */
  function rematch(): void {
    if (!specs.size) return;
    for (const [host, root] of forest.roots) {
      seedSpecs(host);
      const moves: Array<{ from: PathNode; method: string; acc: EndpointAccumulator; to: PathNode }> = [];
      visit(root, [], (node, tokens) => {
        if (specAt.has(node)) return;
        for (const [method, acc] of node.endpoints) {
          const path = `/${tokens.join('/')}`;
          const m = specs.match(method, path, host);
          if (!m) continue;
          const to = specTerminal(host, m);
          if (to !== node) moves.push({ from: node, method, acc, to });
        }
      });
      for (const mv of moves) {
        mv.from.endpoints.delete(mv.method);
        const mine = mv.to.endpoints.get(mv.method);
        if (mine) {
          mine.merge(mv.acc, ctx);
          forest.endpointCount--;
        } else mv.to.endpoints.set(mv.method, mv.acc);
      }
    }
  }

  function visit(root: PathNode, prefix: string[], fn: (node: PathNode, tokens: string[]) => void): void {
    const stack: Array<[PathNode, string[]]> = [[root, prefix]];
    while (stack.length) {
      const [n, tokens] = stack.pop() as [PathNode, string[]];
      fn(n, tokens);
      for (const c of n.literals.values()) stack.push([c, [...tokens, c.text]]);
      for (const c of n.params.values()) {
        let i = 0;
        const token = c.text.replace(/\{\}/g, () => `{${c.names[i++] ?? 'param'}}`);
        stack.push([c, [...tokens, token]]);
      }
    }
  }

  /** All terminal endpoints with their final keys and parameter positions. */
  function render(): Rendered[] {
    const out: Rendered[] = [];
    for (const [host, root] of forest.roots) {
      const stack: Array<{ node: PathNode; tokens: string[]; params: Array<{ position: number; name: string }>; learned: number[]; used: Set<string> }> = [
        { node: root, tokens: [], params: [], learned: [], used: new Set() },
      ];
      while (stack.length) {
        const { node, tokens, params, learned, used } = stack.pop() as (typeof stack)[number];
        for (const [method, acc] of node.endpoints) {
          const path = `/${tokens.join('/')}`;
          out.push({ node, method, acc, host, path, key: endpointKey(method, host, path), params, learned });
        }
        for (const c of node.literals.values()) stack.push({ node: c, tokens: [...tokens, c.text], params, learned, used });
        for (const c of node.params.values()) {
          const u = new Set(used);
          const names: string[] = [];
          const token = c.text.replace(/\{\}/g, () => {
            const n = uniqueName(c.names[names.length] ?? 'param', u);
            names.push(n);
            return `{${n}}`;
          });
          const position = c.depth;
          stack.push({
            node: c,
            tokens: [...tokens, token],
            params: [...params, ...names.map((name) => ({ position, name }))],
            learned: c.origin === 'learned' ? [...learned, position] : learned,
            used: u,
          });
        }
      }
    }
    return out;
  }

  function finish(): LearnResult {
    if (finished) throw new Error('inventory learner: finish() called twice');
    finished = true;
    forest.learn();
    rematch();
    const rendered = render();
    const finalKeys = new Set<string>();
    const upserts: LearnedEndpoint[] = [];
    const byStatus: Record<EndpointStatus, number> = { documented: 0, shadow: 0, zombie: 0, orphan: 0 };
    const sensitiveTypes: Partial<Record<SensitiveType, number>> = {};
    const seenOps = new Set<string>();
    let created = 0;
    let updated = 0;
    const opKey = (so: SpecOperation) => `${so.descriptionIndex}\u0000${so.operation.pointer}\u0000${so.operation.method}`;

    // merge endpoints that render to the same key (possible after a spec renamed a parameter)
    const byKey = new Map<string, Rendered>();
    for (const r of rendered) {
      const prev = byKey.get(r.key);
      if (prev) prev.acc.merge(r.acc, ctx);
      else byKey.set(r.key, r);
    }
    for (const r of byKey.values()) {
      const spec = specAt.get(r.node)?.get(r.method) ?? (r.method === 'HEAD' ? specAt.get(r.node)?.get('GET') : undefined);
      if (spec && r.acc.hits > 0) seenOps.add(opKey(spec));
      const view = r.acc.toEndpoint(r.key, r.host, r.path, r.params, ctx);
      const endpoint = applySpec(view, spec, versions);
      finalKeys.add(r.key);
      byStatus[endpoint.status]++;
      for (const s of endpoint.sensitive) sensitiveTypes[s.type] = (sensitiveTypes[s.type] ?? 0) + 1;
      const old = existingViews.get(r.key);
      const changed = r.acc.dirty || !old || !r.acc.origKeys.has(r.key) || r.acc.origKeys.size > 1 || statusFacts(old) !== statusFacts(endpoint);
      if (!changed) continue;
      if (old) updated++;
      else created++;
      upserts.push({ endpoint, state: r.acc.toState(r.learned) });
    }
    // documented operations never seen: orphans (and discovery results: shadow, hits 0)
    for (const so of specs.operations()) {
      if (seenOps.has(opKey(so))) continue;
      const t = operationTemplates(so.description, so.operation)[0];
      if (!t) continue;
      const host = t.host ?? '';
      const key = endpointKey(so.operation.method, host, t.template);
      if (finalKeys.has(key)) continue;
      const endpoint = describedEndpoint(key, host, t.template, so);
      finalKeys.add(key);
      byStatus[endpoint.status]++;
      const old = existingViews.get(key);
      if (old && statusFacts(old) === statusFacts(endpoint) && normaliseTemplate(old.path) === normaliseTemplate(endpoint.path)) continue;
      if (old) updated++;
      else created++;
      upserts.push({ endpoint, state: null });
    }
    const deletes = [...storedKeys].filter((k) => !finalKeys.has(k)).sort();
    upserts.sort((a, b) => (a.endpoint.key < b.endpoint.key ? -1 : a.endpoint.key > b.endpoint.key ? 1 : 0));
    return {
      upserts,
      deletes,
      stats: {
        exchanges,
        skipped: { nonApi, overflow, invalid },
        endpoints: { new: created, updated, deleted: deletes.length, total: finalKeys.size },
        byStatus,
        sensitiveTypes,
      },
    };
  }

  function resolve(method: string, host: string, path: string): string | undefined {
    if (!finished) throw new Error('inventory learner: resolve() before finish()');
    const m = method.toUpperCase();
    if (specs.size) {
      const sm = specs.match(m, path, host);
      if (sm) return endpointKey(m, host, sm.template);
    }
    const root = forest.roots.get(host);
    if (!root) return undefined;
    const segments = splitPath(path);
    // literal first, then parameter, backtracking on dead ends (a value merged into a parameter earlier may
    // have come back as a literal later)
    const tokens: PathNode[] = [];
    const search = (node: PathNode, i: number): boolean => {
      if (i === segments.length) return node.endpoints.has(m);
      const seg = segments[i] as PathSegment;
      const options: PathNode[] = [];
      const lit = node.literals.get(seg.raw);
      if (lit) options.push(lit);
      for (const pattern of [seg.suffix ? `{}${seg.suffix}` : '', `{}${segmentSuffix(seg.raw)}`, '{}']) {
        const p = pattern ? node.params.get(pattern) : undefined;
        if (p && !options.includes(p)) options.push(p);
      }
      for (const next of options) {
        tokens.push(next);
        if (search(next, i + 1)) return true;
        tokens.pop();
      }
      return false;
    };
    if (!search(root, 0)) return undefined;
    const used = new Set<string>();
    const parts = tokens.map((n) => {
      if (!n.isParam) return n.text;
      let i = 0;
      return n.text.replace(/\{\}/g, () => `{${uniqueName(n.names[i++] ?? 'param', used)}}`);
    });
    return endpointKey(m, host, `/${parts.join('/')}`);
  }

  return { add, addDescription, finish, resolve };
}

/** What the spec diff decides about an endpoint, to tell whether a stored endpoint changed. */
function statusFacts(e: Endpoint): string {
  return JSON.stringify([e.status, e.spec ?? null, e.drift ?? null, e.sources]);
}
