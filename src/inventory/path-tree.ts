/**
 * The structural learner: one tree of path segments per API host, whose terminal nodes hold the endpoints'
 * accumulators (one per method). Values recognised from one observation (ids, hashes, emails, dates…) enter
 * the tree as parameter nodes directly; word-like segments enter as literals, and `learn()` decides which
 * groups of literal siblings are in fact values of one parameter:
 *
 * - candidates: the literal children of a node, except reserved words (`me`, `search`, `latest`, …), version
 *   segments and literals pinned by a spec;
 * - a candidate stays static when it is *heavy* (hit far more than its siblings: `hits ≥ heavyFactor ×
 *   median` and `≥ heavyMin`), has *its own structure* (a literal child no sibling has, unless the level below
 *   is itself full of values), or returns a *different shape* (its JSON responses share less than half their
 *   property paths with every sibling's);
 * - the rest become one parameter when there are at least `minDistinct` of them and enough of them are rare
 *   (hit at most twice) — values keep coming, static words do not; a position already known to be a
 *   parameter (learned before, or from a spec) takes new light words as values one by one;
 * - merging unions the subtrees below, so `/repos/{owner}/{repo}` is learned level after level.
 *
 * Memory is bounded: a node with `maxLiteralChildren` literal children is decided at once (forced), and the
 * tree refuses new endpoints past `maxEndpoints` after forcing decisions along the path.
 */
import type { EndpointAccumulator } from './endpoint-accumulator.js';
import { segmentSuffix } from './path-template.js';
import { isVersionSegment, type SegmentKind } from './segment-kind.js';

/** Segments that are static words whatever their siblings look like (compared lower-case). */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set([
  'me', 'my', 'mine', 'self', 'current', 'search', 'find', 'query', 'lookup', 'autocomplete', 'suggest', 'suggestions', 'new', 'create',
  'add', 'edit', 'update', 'delete', 'remove', 'all', 'list', 'count', 'stats', 'statistics', 'summary', 'latest', 'recent', 'popular',
  'trending', 'featured', 'top', 'default', 'bulk', 'batch', 'export', 'import', 'upload', 'download', 'login', 'logout', 'signin',
  'signout', 'signup', 'register', 'auth', 'oauth', 'oauth2', 'token', 'tokens', 'refresh', 'verify', 'validate', 'reset', 'health',
  'healthz', 'readyz', 'livez', 'status', 'ping', 'version', 'versions', 'info', 'metrics', 'config', 'configuration', 'settings',
  'preferences', 'profile', 'public', 'private', 'admin', 'internal', 'api', 'apis', 'rest', 'graphql', 'openapi', 'swagger', 'docs',
  'callback', 'webhook', 'webhooks', 'events', 'notifications', 'history', 'activity', 'feed', 'next', 'previous', 'first', 'last',
  'random', 'today', 'details', 'items', 'children', 'parent', 'members', 'permissions', 'roles', 'avatar', 'image', 'images',
  'files', 'attachments', 'comments', 'reviews', 'tags', 'categories', 'actions', 'action', 'session', 'sessions', 'password',
  'well-known', '.well-known', 'v', 'static', 'assets', 'media', 'report', 'reports', 'meta', 'schema', 'schemas', 'index',
]);

/**
 * Words that are values when siblings of the same class sit beside them: data formats (`/scores/json/…` and
 * `/scores/xml/…`) and language codes (`/entries/en/…`, `/entries/es/…`). One alone stays literal.
 */
export const VALUE_WORD_CLASSES: ReadonlyArray<{ readonly name: string; readonly words: ReadonlySet<string>; readonly pattern?: RegExp }> = [
  {
    name: 'format',
    words: new Set(['json', 'xml', 'csv', 'tsv', 'yaml', 'yml', 'txt', 'html', 'pdf', 'atom', 'rss', 'jsonld', 'geojson', 'kml', 'gpx', 'xlsx', 'ndjson', 'jsonp', 'protobuf', 'msgpack']),
  },
  {
    name: 'language',
    words: new Set([
      'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ru', 'zh', 'ja', 'ko', 'ar', 'hi', 'sv', 'no', 'nb', 'da', 'fi', 'pl', 'tr', 'cs', 'el', 'he',
      'hu', 'ro', 'uk', 'vi', 'th', 'id', 'ms', 'bg', 'hr', 'sk', 'sl', 'et', 'lv', 'lt', 'fa', 'ur', 'bn', 'ta', 'ca', 'sr', 'is', 'ga',
    ]),
    pattern: /^[a-z]{2}[-_][A-Z]{2}$/,
  },
];

/** The value class of a word (`format`, `language`), or undefined. */
export function valueWordClass(text: string): string | undefined {
  for (const c of VALUE_WORD_CLASSES) if (c.words.has(text.toLowerCase()) || c.pattern?.test(text)) return c.name;
  return undefined;
}

/** True for segments that must stay literal. */
export function isReservedSegment(text: string): boolean {
  return RESERVED_SEGMENTS.has(text.toLowerCase()) || isVersionSegment(text);
}

export interface TreeOptions {
  /** Learn word-like parameters from structure (false: only values recognised from one observation). */
  readonly structural: boolean;
  /** Fewest distinct light literals that make a new parameter. */
  readonly minDistinct: number;
  /** A literal hit this many times the median of its siblings (and at least `heavyMin`) stays static. */
  readonly heavyFactor: number;
  readonly heavyMin: number;
  /** Share of the candidates that must be rare (hit at most twice) for a new parameter. */
  readonly rareShare: number;
  /** Jaccard similarity of response property paths under which two siblings are different resources. */
  readonly shapeSimilarity: number;
  /** Hits after which a date/semver/decimal that never changed is a literal version (`/api/2015-11-01`). */
  readonly constantVersionHits: number;
  /** Literal children of one node that force a decision (memory bound). */
  readonly maxLiteralChildren: number;
  /** Endpoints (accumulators) in all trees (memory bound). */
  readonly maxEndpoints: number;
  /** API hosts (trees): traffic to further hosts is not learned (a client-chosen Host header must not grow the inventory without end). */
  readonly maxHosts: number;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = {
  structural: true,
  minDistinct: 5,
  heavyFactor: 4,
  heavyMin: 4,
  rareShare: 0.3,
  shapeSimilarity: 0.5,
  constantVersionHits: 20,
  maxLiteralChildren: 256,
  maxEndpoints: 20_000,
  maxHosts: 256,
};

/** Where a parameter node came from. */
export type ParamOrigin = 'kind' | 'learned' | 'spec';

export class PathNode {
  readonly literals = new Map<string, PathNode>();
  /** Parameter children keyed by pattern: `{}`, `{}.pdf`, or a spec pattern like `{}.{}`. */
  readonly params = new Map<string, PathNode>();
  readonly endpoints = new Map<string, EndpointAccumulator>();
  /** Exchanges that went through this node (its whole subtree). */
  hits = 0;
  /** Literal from a spec: never merged. */
  pinned = false;
  /** Hashes of distinct values seen at a parameter node (bounded), to tell its typical hits per value. */
  seen: Set<number> | undefined;
  /** Kinds of the values seen at a parameter node, and the first raw segment of a version-like one. */
  kinds: Set<SegmentKind> | undefined;
  versionLike: string | undefined;

  constructor(
    /** Literal text (raw) or parameter pattern. */
    public text: string,
    readonly isParam: boolean,
    /** Segment position (root: -1). */
    readonly depth: number,
    /** Parameter names, one per `{}` of the pattern. */
    public names: string[] = [],
    public origin: ParamOrigin = 'kind',
  ) {}

  /** Notes a value seen at this parameter node (and its kind and raw segment, for values recognised alone). */
  noteValue(value: string, kind?: SegmentKind, raw?: string): void {
    const seen = (this.seen ??= new Set());
    if (seen.size < 256) seen.add(hash32(value));
    if (kind !== undefined) {
      (this.kinds ??= new Set()).add(kind);
      if (raw !== undefined && this.versionLike === undefined && VERSION_LIKE_KINDS.has(kind)) this.versionLike = raw;
    }
  }

  /** Exchanges that ended at this node (its own endpoints, not the subtree). */
  terminalHits(): number {
    let n = 0;
    for (const acc of this.endpoints.values()) n += acc.hits;
    return n;
  }
}

/** Value kinds that are API versions when they never change (`/api/2015-11-01/…`, `/api/1.2.1/…`). */
const VERSION_LIKE_KINDS: ReadonlySet<SegmentKind> = new Set(['date', 'semver', 'number']);

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Subtree nodes read per member when comparing siblings (bounds the work of one decision). */
const MAX_SHAPE_NODES = 5000;

/**
 * Endpoint shapes below each member: distinct (method, relative path) where a segment is kept when it also
 * occurs (at the same depth) below another member, and is `*` otherwise. Values not merged yet below a member
 * therefore count once, so a static collection with many literal values below is not mistaken for one light
 * value, and a popular value spanning many endpoints is not mistaken for a static word.
 */
function sharedShapes(members: readonly PathNode[]): Map<PathNode, number> {
  const pairCount = new Map<string, number>();
  for (const x of members) {
    const pairs = new Set<string>();
    const stack: PathNode[] = [...x.literals.values(), ...x.params.values()];
    let seen = 0;
    while (stack.length && seen < MAX_SHAPE_NODES) {
      const n = stack.pop() as PathNode;
      seen++;
      pairs.add(`${n.depth - x.depth}\u0000${n.text}`);
      for (const c of n.literals.values()) stack.push(c);
      for (const c of n.params.values()) stack.push(c);
    }
    for (const p of pairs) pairCount.set(p, (pairCount.get(p) ?? 0) + 1);
  }
  // shared: below at least 2 members and a tenth of them (values of different collections collide now and then)
  const need = Math.max(2, Math.ceil(members.length * 0.25));
  const out = new Map<PathNode, number>();
  for (const x of members) {
    const shapes = new Set<string>();
    const stack: Array<[PathNode, string]> = [[x, '']];
    let seen = 0;
    while (stack.length && seen < MAX_SHAPE_NODES) {
      const [n, rel] = stack.pop() as [PathNode, string];
      seen++;
      for (const m of n.endpoints.keys()) shapes.add(`${m} ${rel}`);
      for (const c of [...n.literals.values(), ...n.params.values()]) {
        const shared = c.isParam || (pairCount.get(`${c.depth - x.depth}\u0000${c.text}`) ?? 0) >= need;
        stack.push([c, `${rel}/${shared ? c.text : '*'}`]);
      }
    }
    out.set(x, shapes.size);
  }
  return out;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Callbacks the tree needs from the learner. */
export interface TreeHooks {
  /** A literal became a value of parameter `param` at `position`: record it in every endpoint below `node`. */
  onLearnedValue(node: PathNode, position: number, value: string, param: PathNode): void;
  /** `from` is merged into `into` (same method, same place). */
  mergeAccumulators(into: EndpointAccumulator, from: EndpointAccumulator): void;
  /** Base name for a new parameter learned below `parent`. */
  nameFor(parent: PathNode): string;
}

/** Calls `fn` for every accumulator in a subtree. */
export function forEachAccumulator(node: PathNode, fn: (acc: EndpointAccumulator, node: PathNode) => void): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as PathNode;
    for (const acc of n.endpoints.values()) fn(acc, n);
    for (const c of n.literals.values()) stack.push(c);
    for (const c of n.params.values()) stack.push(c);
  }
}

/** The per-host trees and the decisions over them. */
export class PathForest {
  readonly roots = new Map<string, PathNode>();
  endpointCount = 0;

  constructor(
    readonly options: TreeOptions,
    private readonly hooks: TreeHooks,
  ) {}

  root(host: string): PathNode {
    let r = this.roots.get(host);
    if (!r) this.roots.set(host, (r = new PathNode('', false, -1)));
    return r;
  }

  /** The literal child `text` of `node`, created when absent (deciding the node when it grows too wide). */
  literalChild(node: PathNode, text: string): PathNode {
    let child = node.literals.get(text);
    if (!child) {
      child = new PathNode(text, false, node.depth + 1);
      node.literals.set(text, child);
      if (node.literals.size >= this.options.maxLiteralChildren) {
        this.decide(node, true);
        return node.literals.get(text) ?? this.absorbingParam(node, text) ?? child;
      }
    }
    return child;
  }

  /** The parameter child with `pattern` of `node`, created with `names` when absent. */
  paramChild(node: PathNode, pattern: string, names: () => string[], origin: ParamOrigin): PathNode {
    let child = node.params.get(pattern);
    if (!child) node.params.set(pattern, (child = new PathNode(pattern, true, node.depth + 1, names(), origin)));
    else if (origin === 'spec' && child.origin !== 'spec') child.origin = 'spec';
    return child;
  }

  /**
   * The parameter that takes a new literal `text` below `node` as a value (a position already learned or
   * documented to be a parameter), if any.
   */
  absorbingParam(node: PathNode, text: string, from: 'spec' | 'learned' = 'learned'): PathNode | undefined {
    if (node.params.size === 0 || isReservedSegment(text)) return undefined;
    const ext = segmentSuffix(text);
    const p = (ext ? node.params.get(`{}${ext}`) : undefined) ?? node.params.get('{}');
    if (!p || p.origin === 'kind' || (from === 'spec' && p.origin !== 'spec')) return undefined;
    return p;
  }

  /** Decides every node, top-down (call once all exchanges are in). */
  learn(): void {
    for (const root of this.roots.values()) {
      const queue: PathNode[] = [root];
      while (queue.length) {
        const n = queue.shift() as PathNode;
        this.demoteConstants(n);
        this.decide(n, false);
        for (const c of n.literals.values()) queue.push(c);
        for (const c of n.params.values()) queue.push(c);
      }
    }
  }

  /** Parameters whose version-like value never changed over many hits become literals again. */
  private demoteConstants(node: PathNode): void {
    for (const [pattern, p] of [...node.params]) {
      if (p.origin !== 'kind' || p.versionLike === undefined || (p.seen?.size ?? 0) !== 1 || p.hits < this.options.constantVersionHits) continue;
      if (![...(p.kinds ?? [])].every((k) => VERSION_LIKE_KINDS.has(k))) continue;
      node.params.delete(pattern);
      const literal = new PathNode(p.versionLike, false, p.depth);
      const existing = node.literals.get(p.versionLike);
      if (existing) this.absorb(existing, p);
      else {
        node.literals.set(p.versionLike, literal);
        this.absorb(literal, p);
      }
    }
  }

  /**
   * Decides which literal children of `node` are values of one parameter, and merges them. `forced` (memory
   * bound reached) relaxes the evidence needed. Returns true when something was merged.
   */
  decide(node: PathNode, forced: boolean): boolean {
    const o = this.options;
    if (!o.structural) return false;
    const all = [...node.literals.values()].filter((x) => !x.pinned && !isReservedSegment(x.text));
    if (all.length === 0) return false;
    // group candidates by file extension (`a.pdf`, `b.pdf` → `{}.pdf`); the rest without
    const groups = new Map<string, PathNode[]>();
    for (const x of all) {
      const ext = segmentSuffix(x.text);
      const g = groups.get(ext);
      if (g) g.push(x);
      else groups.set(ext, [x]);
    }
    if (groups.size > 1) {
      // extensions with too few members join the main group as whole words
      const main = groups.get('') ?? [];
      for (const [ext, g] of groups) if (ext !== '' && g.length < o.minDistinct && !node.params.has(`{}${ext}`)) {
        main.push(...g);
        groups.delete(ext);
      }
      if (main.length) groups.set('', main);
    }
    let merged = false;
    for (const [ext, group] of groups) {
      const pattern = `{}${ext}`;
      const existing = node.params.get(pattern);
      const established = existing !== undefined && existing.origin !== 'kind';
      const values = this.selectValues(group, existing, established, forced);
      if (values.length === 0) continue;
      const param =
        existing ??
        this.paramChild(node, pattern, () => [this.hooks.nameFor(node)], 'learned');
      if (param.origin === 'kind') {
        // ids and words at one position: a word parameter, named like one
        param.origin = 'learned';
        param.names = [this.hooks.nameFor(node)];
      }
      for (const x of values) this.mergeLiteral(node, x, param, ext);
      merged = true;
    }
    return merged;
  }

  private selectValues(group: PathNode[], existing: PathNode | undefined, established: boolean, forced: boolean): PathNode[] {
    const o = this.options;
    if (group.length === 0) return [];
    // hits per endpoint below each member: a static word (`me`) is hit as often as a whole endpoint, a value
    // (even a popular one spanning many endpoints) only as often as one of many values
    const shapes = sharedShapes(existing ? [...group, existing] : group);
    const intensity = new Map<PathNode, number>();
    for (const x of group) intensity.set(x, x.hits / Math.max(1, shapes.get(x) ?? 1));
    let typical = Math.max(1, median([...intensity.values()]));
    const distinct = existing?.seen?.size ?? 0;
    if (established && existing && distinct > 0) {
      // compare with the values the parameter already took, not with the (possibly all static) newcomers
      typical = Math.max(1, existing.hits / Math.max(1, shapes.get(existing) ?? 1) / distinct);
    }
    const heavy = (x: PathNode) => x.hits >= o.heavyMin && (intensity.get(x) ?? 0) >= o.heavyFactor * typical;
    const valueLevelBelow = this.valueLevelBelow(group);
    // most of its literal children are its own (no sibling has them): a resource of its own
    const ownStructure = (x: PathNode): boolean => {
      if (valueLevelBelow || x.literals.size === 0) return false;
      let own = 0;
      for (const t of x.literals.keys()) {
        let shared = existing?.literals.has(t) ?? false;
        for (const y of group) if (!shared && y !== x && y.literals.has(t)) shared = true;
        if (!shared) own++;
      }
      return own * 2 > x.literals.size;
    };
    const dissimilar = this.dissimilarShapes(group, existing);
    // two or more format names or language codes side by side are values of one parameter
    const classes = new Map<string, PathNode[]>();
    for (const x of group) {
      const c = valueWordClass(x.text);
      if (c) classes.set(c, [...(classes.get(c) ?? []), x]);
    }
    const lexical = new Set<PathNode>();
    for (const members of classes.values()) if (members.length >= 2) for (const x of members) lexical.add(x);
    const light = group.filter((x) => !lexical.has(x) && !heavy(x) && !ownStructure(x) && !dissimilar.has(x));
    if (established) return [...lexical, ...light];
    if (light.length < (forced ? 2 : o.minDistinct)) return [...lexical];
    if (!forced) {
      const rare = light.filter((x) => x.hits <= 2).length;
      if (rare < Math.max(2, Math.ceil(o.rareShare * light.length))) return [...lexical];
    }
    return [...lexical, ...light];
  }

  /** True when the literal children of the group's members are themselves many distinct rare values. */
  private valueLevelBelow(group: readonly PathNode[]): boolean {
    const tokens = new Map<string, number>();
    const members = new Map<string, number>();
    for (const x of group) {
      for (const [t, c] of x.literals) {
        tokens.set(t, (tokens.get(t) ?? 0) + c.hits);
        members.set(t, (members.get(t) ?? 0) + 1);
      }
    }
    let rare = 0;
    for (const [t, h] of tokens) if (h <= 2 && !isReservedSegment(t)) rare++;
    if (rare < this.options.minDistinct) return false;
    // and the typical member's children are its own (`/repos/{owner}/{repo}`), not names its siblings share
    // (`/{user}/feeds`, `/{user}/groups`: a structural level, where a member with many children of its own
    // is a collection)
    let withChildren = 0;
    let ownOnly = 0;
    for (const x of group) {
      if (x.literals.size === 0) continue;
      withChildren++;
      let shared = false;
      for (const t of x.literals.keys()) if ((members.get(t) ?? 0) >= 2) {
        shared = true;
        break;
      }
      if (!shared) ownOnly++;
    }
    return ownOnly * 2 >= withChildren;
  }

  /** Members whose successful JSON responses look like no sibling's (a different resource). */
  private dissimilarShapes(group: readonly PathNode[], existing: PathNode | undefined): Set<PathNode> {
    const out = new Set<PathNode>();
    const prints: Array<[PathNode, Set<string>]> = [];
    for (const x of group) {
      const f = new Set<string>();
      for (const acc of x.endpoints.values()) for (const p of acc.responseFingerprint()) f.add(p);
      if (f.size) prints.push([x, f]);
    }
    const reference: Set<string>[] = [];
    if (existing) {
      const f = new Set<string>();
      for (const acc of existing.endpoints.values()) for (const p of acc.responseFingerprint()) f.add(p);
      if (f.size) reference.push(f);
    }
    if (prints.length + reference.length < 2) return out;
    const sample = prints.slice(0, 64);
    for (const [x, fx] of prints) {
      let best = 0;
      for (const r of reference) best = Math.max(best, jaccard(fx, r));
      for (const [y, fy] of sample) {
        if (y === x || best >= this.options.shapeSimilarity) continue;
        best = Math.max(best, jaccard(fx, fy));
      }
      if (best < this.options.shapeSimilarity) out.add(x);
    }
    return out;
  }

  /** Moves literal `x` (a value) below `node` into parameter `param`. */
  private mergeLiteral(node: PathNode, x: PathNode, param: PathNode, ext: string): void {
    const value = ext ? x.text.slice(0, x.text.length - ext.length) : x.text;
    this.hooks.onLearnedValue(x, param.depth, value, param);
    param.noteValue(value);
    node.literals.delete(x.text);
    this.absorb(param, x);
  }

  /** Merges node `from` (endpoints and subtree) into `into`, which takes its place. */
  absorb(into: PathNode, from: PathNode): void {
    into.hits += from.hits;
    if (from.pinned) into.pinned = true;
    if (from.seen) for (const h of from.seen) if ((into.seen ??= new Set()).size < 256) into.seen.add(h);
    if (from.kinds) for (const k of from.kinds) (into.kinds ??= new Set()).add(k);
    into.versionLike ??= from.versionLike;
    for (const [m, acc] of from.endpoints) {
      const mine = into.endpoints.get(m);
      if (mine) {
        this.hooks.mergeAccumulators(mine, acc);
        this.endpointCount--;
      } else into.endpoints.set(m, acc);
    }
    for (const [t, c] of from.literals) {
      const mine = into.literals.get(t);
      if (mine) this.absorb(mine, c);
      else into.literals.set(t, reparent(c, into.depth + 1));
    }
    for (const [p, c] of from.params) {
      const mine = into.params.get(p);
      if (mine) {
        if (c.origin === 'spec' && mine.origin !== 'spec') {
          mine.origin = 'spec';
          mine.names = c.names;
        }
        this.absorb(mine, c);
      } else into.params.set(p, reparent(c, into.depth + 1));
    }
  }
}

function reparent(node: PathNode, depth: number): PathNode {
  if (node.depth === depth) return node;
  // depths are positions: they never change when a sibling is merged (same level), so this is a guard only
  throw new Error(`internal: node moved from depth ${node.depth} to ${depth}`);
}
