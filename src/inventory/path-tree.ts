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
import { isVersionSegment } from './segment-kind.js';

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

/** True for segments that must stay literal. */
export function isReservedSegment(text: string): boolean {
  return RESERVED_SEGMENTS.has(text.toLowerCase()) || isVersionSegment(text);
}

export interface TreeOptions {
  /** Fewest distinct light literals that make a new parameter. */
  readonly minDistinct: number;
  /** A literal hit this many times the median of its siblings (and at least `heavyMin`) stays static. */
  readonly heavyFactor: number;
  readonly heavyMin: number;
  /** Share of the candidates that must be rare (hit at most twice) for a new parameter. */
  readonly rareShare: number;
  /** Jaccard similarity of response property paths under which two siblings are different resources. */
  readonly shapeSimilarity: number;
  /** Literal children of one node that force a decision (memory bound). */
  readonly maxLiteralChildren: number;
  /** Endpoints (accumulators) in all trees (memory bound). */
  readonly maxEndpoints: number;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = {
  minDistinct: 5,
  heavyFactor: 4,
  heavyMin: 4,
  rareShare: 0.3,
  shapeSimilarity: 0.5,
  maxLiteralChildren: 128,
  maxEndpoints: 20_000,
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

  /** Notes a value seen at this parameter node. */
  noteValue(value: string): void {
    const seen = (this.seen ??= new Set());
    if (seen.size < 256) seen.add(hash32(value));
  }
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** File extension of a literal (`.pdf`), or ''. */
export function literalExtension(text: string): string {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || text.length - dot - 1 < 1 || text.length - dot - 1 > 5) return '';
  const ext = text.slice(dot + 1);
  return /^[A-Za-z][A-Za-z0-9]{0,4}$/.test(ext) ? text.slice(dot) : '';
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
  absorbingParam(node: PathNode, text: string): PathNode | undefined {
    if (node.params.size === 0 || isReservedSegment(text)) return undefined;
    const ext = literalExtension(text);
    const p = (ext ? node.params.get(`{}${ext}`) : undefined) ?? node.params.get('{}');
    if (!p || p.origin === 'kind') return undefined;
    return p;
  }

  /** Decides every node, top-down (call once all exchanges are in). */
  learn(): void {
    for (const root of this.roots.values()) {
      const queue: PathNode[] = [root];
      while (queue.length) {
        const n = queue.shift() as PathNode;
        this.decide(n, false);
        for (const c of n.literals.values()) queue.push(c);
        for (const c of n.params.values()) queue.push(c);
      }
    }
  }

  /**
   * Decides which literal children of `node` are values of one parameter, and merges them. `forced` (memory
   * bound reached) relaxes the evidence needed. Returns true when something was merged.
   */
  decide(node: PathNode, forced: boolean): boolean {
    const o = this.options;
    const all = [...node.literals.values()].filter((x) => !x.pinned && !isReservedSegment(x.text));
    if (all.length === 0) return false;
    // group candidates by file extension (`a.pdf`, `b.pdf` → `{}.pdf`); the rest without
    const groups = new Map<string, PathNode[]>();
    for (const x of all) {
      const ext = literalExtension(x.text);
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
    const med = median(group.map((x) => x.hits));
    let typical = med;
    if (established && existing) {
      const distinct = existing.seen?.size ?? 0;
      typical = distinct > 0 ? existing.hits / distinct : 1;
      if (group.length >= 3) typical = Math.max(typical, med);
    }
    const heavy = (x: PathNode) => x.hits >= o.heavyMin && x.hits >= o.heavyFactor * typical;
    const valueLevelBelow = this.valueLevelBelow(group);
    const ownStructure = (x: PathNode): boolean => {
      if (valueLevelBelow) return false;
      for (const t of x.literals.keys()) {
        let shared = false;
        for (const y of group) if (y !== x && y.literals.has(t)) {
          shared = true;
          break;
        }
        if (!shared && !(existing?.literals.has(t) ?? false)) return true;
      }
      return false;
    };
    const dissimilar = this.dissimilarShapes(group, existing);
    const candidates = group.filter((x) => !heavy(x) && !ownStructure(x) && !dissimilar.has(x));
    if (established) return candidates;
    if (candidates.length < (forced ? 2 : o.minDistinct)) return [];
    if (!forced) {
      const rare = candidates.filter((x) => x.hits <= 2).length;
      if (rare < Math.max(2, Math.ceil(o.rareShare * candidates.length))) return [];
    }
    return candidates;
  }

  /** True when the literal children of the group's members are themselves many distinct rare values. */
  private valueLevelBelow(group: readonly PathNode[]): boolean {
    const tokens = new Map<string, number>();
    for (const x of group) for (const [t, c] of x.literals) tokens.set(t, (tokens.get(t) ?? 0) + c.hits);
    let rare = 0;
    for (const [t, h] of tokens) if (h <= 2 && !isReservedSegment(t)) rare++;
    return rare >= this.options.minDistinct;
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
