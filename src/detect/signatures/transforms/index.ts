/** The built-in transformations, by name, and the per-target view cache that computes each chain once. */
import type { TransformName } from '../types.js';
import { base64Decode } from './base64-decode.js';
import { compressWhitespace } from './compress-whitespace.js';
import { decodeAll } from './decode-all.js';
import { htmlDecode } from './html-decode.js';
import { jsDecode } from './js-decode.js';
import { lowercase } from './lowercase.js';
import { normalizePath } from './normalize-path.js';
import { removeComments } from './remove-comments.js';
import { removeNulls } from './remove-nulls.js';
import { removeWhitespace } from './remove-whitespace.js';
import { urlDecode } from './url-decode.js';

export const TRANSFORMS: Readonly<Record<TransformName, (s: string) => string>> = Object.freeze({
  urlDecode,
  htmlDecode,
  jsDecode,
  lowercase,
  compressWhitespace,
  removeWhitespace,
  removeComments,
  removeNulls,
  normalizePath,
  base64Decode,
  decodeAll,
});

/** Stable key of a transform chain (`decodeAll,lowercase`); '' for the raw value. */
export function chainKey(chain: readonly TransformName[]): string {
  return chain.join(',');
}

/**
 * Views of one value: each chain (and each of its prefixes) is computed at most once.
 * Create one per target; it is dropped with the target.
 */
export class ViewCache {
  private readonly views = new Map<string, string>();
  constructor(readonly raw: string) {}

  get(chain: readonly TransformName[]): string {
    if (chain.length === 0) return this.raw;
    const key = chainKey(chain);
    const hit = this.views.get(key);
    if (hit !== undefined) return hit;
    const prev = this.get(chain.slice(0, -1));
    const fn = TRANSFORMS[chain[chain.length - 1] as TransformName];
    const v = fn(prev);
    this.views.set(key, v);
    return v;
  }
}

export { base64Decode, compressWhitespace, decodeAll, htmlDecode, jsDecode, lowercase, normalizePath, removeComments, removeNulls, removeWhitespace, urlDecode };
