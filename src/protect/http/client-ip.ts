/**
 * The client address behind trusted proxies: when the socket peer is a trusted proxy, `X-Forwarded-For` is read
 * from the right, skipping trusted proxies; the first untrusted address is the client. Otherwise the peer is the
 * client (a header from an untrusted peer is never believed).
 */
import type { IpSet } from '../filters/ip-list/ip-trie.js';

/** `::ffff:1.2.3.4` → `1.2.3.4` (IPv4-mapped IPv6 as the socket reports it on dual-stack listeners). */
export function plainAddress(addr: string | undefined): string {
  if (!addr) return '';
  return addr.startsWith('::ffff:') && addr.indexOf('.') !== -1 ? addr.slice(7) : addr;
}

/** Most entries of X-Forwarded-For walked (bounds work on hostile headers). */
const MAX_HOPS = 32;

export function clientAddress(peer: string, xff: string | undefined, trusted: IpSet): string {
  if (trusted.size === 0 || xff === undefined || !trusted.has(peer)) return peer;
  const parts = xff.split(',', 256);
  let client = peer;
  for (let i = parts.length - 1, n = 0; i >= 0 && n < MAX_HOPS; i--, n++) {
    const ip = plainAddress((parts[i] as string).trim());
    if (!ip) break;
    client = ip;
    if (!trusted.has(ip)) return ip;
  }
  return client;
}
