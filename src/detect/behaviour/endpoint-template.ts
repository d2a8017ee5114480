/**
 * Groups requests by endpoint: `METHOD host template`, with the template from the inventory — its structural
 * learner's `resolve` when one is given (offline, after a learning pass), else `templatePath` on the request
 * path alone. Both cost microseconds, so results are cached by the path's *shape*: numeric and UUID segments
 * replaced by a placeholder of their kind (they become parameters whatever their value), every other segment
 * kept as written. Requests for `/orders/17` and `/orders/4242` share one cache entry.
 */
import { segmentKind } from '../../inventory/segment-kind.js';
import { isUuid } from '../../inventory/string-format.js';
import { templatePath } from '../../inventory/path-template.js';
import { LruMap } from './lru-map.js';

/** Resolves a request to an endpoint key (`METHOD host template`), or undefined when unknown. */
export type EndpointResolver = (method: string, host: string, path: string) => string | undefined;

export interface TemplateEntry {
  readonly key: string;
  readonly template: string;
  /** Positions (in the request's non-empty segments) of the template's parameters. */
  readonly positions: readonly number[];
  /**
   * Literal segment before the last parameter (`orders` in `/orders/{orderId}`, `users` in
   * `/users/{userId}/profile`): the kind of object the last parameter names.
   */
  readonly resource?: string;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The template's parameter positions and resource name: the literal segment before its last parameter, wherever
 * that parameter sits (an id walk on `/users/{id}/profile` is as much a walk as one on `/users/{id}`).
 */
export function describeTemplate(key: string, template: string): TemplateEntry {
  const segs = template.split('/').filter(Boolean);
  const positions: number[] = [];
  segs.forEach((s, i) => {
    if (s.indexOf('{') !== -1) positions.push(i);
  });
  const p = positions[positions.length - 1];
  const before = p === undefined || p < 1 ? undefined : segs[p - 1];
  const resource = before !== undefined && before.indexOf('{') === -1 ? before : undefined;
  return { key, template, positions, ...(resource ? { resource } : {}) };
}

export class EndpointTemplater {
  private readonly cache = new LruMap<TemplateEntry>();

  constructor(
    private readonly resolver?: EndpointResolver,
    private readonly maxCache = 50_000,
  ) {}

  /** The endpoint of a request; `segments` receives the path's non-empty segments (for parameter values). */
  endpointOf(method: string, host: string, path: string, segments: string[]): TemplateEntry {
    segments.length = 0;
    let shape = '';
    let start = path.charCodeAt(0) === 47 ? 1 : 0;
    while (start <= path.length) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      if (end > start) {
        const seg = path.slice(start, end);
        segments.push(seg);
        if (isDigits(seg) && seg.length > 2) shape += segmentKind(seg) === 'date' ? '/\u0001d' : '/\u0001i';
        else if (seg.length === 36 && isUuid(seg)) shape += '/\u0001u';
        else shape += `/${seg}`;
      }
      start = end + 1;
      if (segments.length > 64) break;
    }
    const ck = `${method} ${host} ${shape}`;
    const hit = this.cache.get(ck);
    if (hit !== undefined) return hit;
    const resolved = this.resolver?.(method, host, path);
    let entry: TemplateEntry;
    if (resolved !== undefined) entry = describeTemplate(resolved, resolved.slice(resolved.indexOf(' ', method.length + 1) + 1));
    else {
      const template = templatePath(path).template;
      entry = describeTemplate(`${method} ${host} ${template}`, template);
    }
    this.cache.set(ck, entry);
    if (this.cache.size > this.maxCache) this.cache.shift();
    return entry;
  }
}

const ASSET_EXT = new Set(['js', 'mjs', 'css', 'map', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'webp', 'avif', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp4', 'webm', 'mp3']);

/** True when a request path names a static asset (by the extension of its last segment). */
export function isAssetPath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash || path.length - dot > 6) return false;
  return ASSET_EXT.has(path.slice(dot + 1).toLowerCase());
}
