/**
 * Hashes for actor keys. Credentials (API keys, session cookies, Basic credentials) are never kept or shown in
 * clear: they become `#` + 16 hex digits of a keyed SHA-256. Non-secret keys (fingerprints) use FNV-1a, which
 * is cheap enough for every request.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** FNV-1a 32-bit of a string's UTF-16 code units, as 8 hex digits. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/**
 * A keyed one-way hash of secrets, with a bounded cache (the same token comes back on every request of an
 * actor). The key is random per process unless one is given, so hashes cannot be reversed by a dictionary.
 */
export class SecretHasher {
  private readonly key: Buffer;
  private readonly cache = new Map<string, string>();

  constructor(
    key?: string,
    private readonly maxCache = 20_000,
  ) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  /** `#` + 16 hex digits. */
  hash(secret: string): string {
    const hit = this.cache.get(secret);
    if (hit !== undefined) return hit;
    const h = `#${createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 16)}`;
    // cleared whole when full: simple, bounded, and never walks a map's head
    if (this.cache.size >= this.maxCache) this.cache.clear();
    this.cache.set(secret, h);
    return h;
  }
}
