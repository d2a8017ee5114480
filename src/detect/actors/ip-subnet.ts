/**
 * Client addresses as actor keys: IPv4-mapped IPv6 addresses are read as IPv4; the subnet of an address is its
 * /24 (IPv4) or /64 (IPv6) — the usual unit of one household, office or cloud tenant.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** True for a dotted-quad IPv4 address (each part 0–255, no leading zeros). A scan, no regex. */
function isDottedQuad(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

/** The address in a canonical text form, or undefined when it is not an IP address. */
export function normaliseIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  if (isDottedQuad(ip)) return ip;
  let s = ip.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  if (s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93) s = s.slice(1, -1); // [::1]
  const pct = s.indexOf('%');
  if (pct !== -1) s = s.slice(0, pct); // fe80::1%eth0
  if (isIPv4(s)) return s;
  if (!isIPv6(s)) return undefined;
  const lower = s.toLowerCase();
  if (lower.startsWith('::ffff:') && isIPv4(lower.slice(7))) return lower.slice(7);
  return lower;
}

/** Expands an IPv6 address into its 8 groups (numbers). */
function ipv6Groups(ip: string): number[] {
  let head = ip;
  let tail = '';
  const dbl = ip.indexOf('::');
  if (dbl !== -1) {
    head = ip.slice(0, dbl);
    tail = ip.slice(dbl + 2);
  }
  const parse = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.indexOf('.') !== -1) {
        const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = parse(head);
  const t = parse(tail);
  const zeros = dbl === -1 ? 0 : 8 - h.length - t.length;
  return [...h, ...new Array<number>(Math.max(0, zeros)).fill(0), ...t].slice(0, 8);
}

/** `203.0.113.0/24` or `2001:db8:1:2::/64` for a normalised address. */
export function subnetOf(ip: string): string {
  if (ip.indexOf(':') === -1) {
    const dot = ip.lastIndexOf('.');
    return `${ip.slice(0, dot)}.0/24`;
  }
  const g = ipv6Groups(ip);
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
