/**
 * IP address sets from addresses and CIDR blocks (IPv4 and IPv6; IPv4-mapped IPv6 addresses count as IPv4).
 * Parsing is ipaddr.js; lookup keeps one hash set per distinct prefix length, so a lookup costs at most one set
 * probe per prefix length in use (≤ 33 for IPv4, ≤ 129 for IPv6) whatever the size of the list.
 */
import ipaddr from 'ipaddr.js';

export interface Cidr {
  readonly family: 4 | 6;
  /** Address bytes (4 or 16). */
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`, `::1`; undefined when invalid. IPv4 must be dotted-quad. */
export function parseCidr(text: string): Cidr | undefined {
  const t = text.trim();
  try {
    if (t.includes('/')) {
      const [addr, prefix] = ipaddr.parseCIDR(t);
      if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(t.slice(0, t.indexOf('/')))) return undefined;
      return normalise(addr, prefix);
    }
    if (ipaddr.IPv4.isValid(t) && !ipaddr.IPv4.isValidFourPartDecimal(t)) return undefined;
    const addr = ipaddr.parse(t);
    return normalise(addr, addr.kind() === 'ipv4' ? 32 : 128);
  } catch {
    return undefined;
  }
}

function normalise(addr: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): Cidr {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return { family: 4, bytes: (addr as ipaddr.IPv6).toIPv4Address().toByteArray(), prefix: prefix - 96 };
  }
  return { family: addr.kind() === 'ipv4' ? 4 : 6, bytes: addr.toByteArray(), prefix };
}

/** Parses a client address as a socket or a trusted header gives it; undefined when not an IP address. */
export function parseAddress(text: string): { family: 4 | 6; bytes: number[] } | undefined {
  try {
    const a = ipaddr.process(text);
    return { family: a.kind() === 'ipv4' ? 4 : 6, bytes: a.toByteArray() };
  } catch {
    return undefined;
  }
}

function maskedKey(bytes: readonly number[], prefix: number): string {
  let key = '';
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) key += String.fromCharCode(bytes[i] as number);
  const rest = prefix & 7;
  if (rest) key += String.fromCharCode((bytes[full] as number) & (0xff << (8 - rest)) & 0xff);
  return key;
}

export interface IpSet {
  readonly size: number;
  /** True when the address (as text) is in one of the blocks; false for non-addresses. */
  has(address: string): boolean;
  hasParsed(addr: { family: 4 | 6; bytes: readonly number[] }): boolean;
}

/** Builds a set from parsed blocks. */
export function createIpSet(blocks: readonly Cidr[]): IpSet {
  const byFamily: Record<4 | 6, Map<number, Set<string>>> = { 4: new Map(), 6: new Map() };
  for (const b of blocks) {
    const m = byFamily[b.family];
    let set = m.get(b.prefix);
    if (!set) m.set(b.prefix, (set = new Set()));
    set.add(maskedKey(b.bytes, b.prefix));
  }
  const prefixes: Record<4 | 6, number[]> = { 4: [...byFamily[4].keys()].sort((a, b) => a - b), 6: [...byFamily[6].keys()].sort((a, b) => a - b) };
  const hasParsed = (addr: { family: 4 | 6; bytes: readonly number[] }): boolean => {
    const m = byFamily[addr.family];
    for (const p of prefixes[addr.family]) if ((m.get(p) as Set<string>).has(maskedKey(addr.bytes, p))) return true;
    return false;
  };
  return {
    size: blocks.length,
    hasParsed,
    has(address) {
      if (blocks.length === 0) return false;
      const a = parseAddress(address);
      return a !== undefined && hasParsed(a);
    },
  };
}
