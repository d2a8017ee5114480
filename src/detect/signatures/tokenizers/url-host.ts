/**
 * Finds the host of a URL (or of a scheme-less `host/…` value) and classifies it: an IP in any notation the
 * libc / browser parsers accept (dotted decimal, one to four parts, octal `0177`, hex `0x7f`, overflowing
 * integers truncated to 32 bits, IPv6 with embedded IPv4), a local name, or an ordinary name. Unicode digits
 * and full-width forms are folded first (NFKC: `①②⑦` reads `127`).
 */

export type HostKind = 'internal' | 'local-name' | 'metadata' | 'public-ip' | 'name';

export interface HostClass {
  readonly kind: HostKind;
  readonly host: string;
  /** True for IP notations other than plain dotted decimal. */
  readonly unusual: boolean;
  readonly ipv6: boolean;
  readonly evidence: string;
}

const URL_START = /(?:^|[\s"'=(<,;])((?:[a-z][a-z0-9+.-]{1,15}:)?\/\/)([^\s/?#"'<>\\]{1,255})/;
const SCHEMELESS = /^([a-z0-9._-]{1,255}|\[[0-9a-f:.]{2,64}\])(?::\d{1,5})?(?:\/|$)/;
/** Names that resolve to the local host or the cluster (exact names, and suffixes of any depth). */
const LOCAL_EXACT: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'localhost4', 'localhost4.localdomain4', 'localhost6', 'localhost6.localdomain6', 'ip6-localhost', 'ip6-loopback', 'ipv6-localhost', 'ipv6-loopback', 'broadcasthost', '0', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);
const LOCAL_SUFFIXES: readonly string[] = ['.localhost', '.internal', '.local', '.localdomain', '.intranet', '.corp', '.lan', '.home.arpa', '.svc.cluster.local', '.svc', 'localtest.me', 'lvh.me', 'vcap.me', 'lacolhost.com'];
const WILDCARD_DNS: readonly string[] = ['.nip.io', '.sslip.io', '.xip.io'];

function isLocalName(host: string): boolean {
  if (LOCAL_EXACT.has(host)) return true;
  for (const suffix of LOCAL_SUFFIXES) if (host.endsWith(suffix) && (suffix.startsWith('.') ? host.length > suffix.length : host.length === suffix.length || host.charCodeAt(host.length - suffix.length - 1) === 46)) return true;
  // 10.0.0.1.nip.io style names resolve to the IP they spell
  for (const suffix of WILDCARD_DNS) if (host.endsWith(suffix)) return /^(?:\d{1,3}[.-]){3}\d{1,3}$/.test(host.slice(0, -suffix.length).replace(/^.*?((?:\d{1,3}[.-]){3}\d{1,3})$/, '$1'));
  return false;
}
const METADATA_NAMES = /^(?:metadata|metadata\.google\.internal|metadata\.azure\.com|instance-data(?:\.ec2\.internal)?)$/;

function parsePart(p: string): number {
  if (p === '') return NaN;
  if (/^0x[0-9a-f]{0,64}$/i.test(p)) return p.length === 2 ? 0 : Number.parseInt(p.slice(-8), 16); // longer values are truncated to 32 bits, as inet_aton does
  if (/^0[0-7]{1,32}$/.test(p)) return Number.parseInt(p, 8);
  if (/^\d{1,32}$/.test(p)) return Number(p);
  return NaN;
}

/** inet_aton-style parse of an IPv4 host; returns the 32-bit value or null. */
export function parseIPv4(host: string): { value: number; unusual: boolean } | null {
  const parts = host.split('.');
  if (parts.length > 4 || parts.length === 0) return null;
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  const nums = parts.map(parsePart);
  if (nums.some((n) => Number.isNaN(n))) return null;
  const unusual = parts.length !== 4 || parts.some((p) => p.length > 1 && (p.startsWith('0') || p.length > 3));
  let value: number;
  const last = nums[nums.length - 1] as number;
  const mod = (n: number, bits: number) => n % 2 ** bits;
  if (nums.length === 1) value = mod(last, 32);
  else if (nums.length === 2) value = ((nums[0] as number) & 0xff) * 2 ** 24 + mod(last, 24);
  else if (nums.length === 3) value = ((nums[0] as number) & 0xff) * 2 ** 24 + ((nums[1] as number) & 0xff) * 2 ** 16 + mod(last, 16);
  else value = nums.slice(0, 4).reduce((acc, n) => acc * 256 + (n & 0xff), 0);
  return { value, unusual };
}

function isInternalV4(v: number): boolean {
  const a = Math.floor(v / 2 ** 24);
  const b = Math.floor(v / 2 ** 16) & 0xff;
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19)) || v === 0xffffffff;
}

/** Expands an IPv6 literal to 8 groups (embedded IPv4 allowed); null when not IPv6. */
export function parseIPv6(host: string): number[] | null {
  let h = host;
  if (h.startsWith('[')) h = h.slice(1, h.endsWith(']') ? -1 : undefined);
  const pct = h.indexOf('%');
  if (pct !== -1) h = h.slice(0, pct);
  if (h.indexOf(':') === -1 || !/^[0-9a-f:.]{2,64}$/.test(h)) return null;
  let tail: number[] = [];
  const lastColon = h.lastIndexOf(':');
  const maybeV4 = h.slice(lastColon + 1);
  if (maybeV4.indexOf('.') !== -1) {
    const v4 = parseIPv4(maybeV4);
    if (!v4) return null;
    tail = [Math.floor(v4.value / 65536), v4.value & 0xffff];
    h = h.slice(0, lastColon);
    if (h.endsWith(':')) h += ':'; // `::1.2.3.4` keeps its `::`
  }
  const halves = h.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : NaN)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const groups = halves.length === 2 ? [...head, ...new Array(Math.max(0, 8 - head.length - rest.length - tail.length)).fill(0), ...rest, ...tail] : [...head, ...tail];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  return groups as number[];
}

function isInternalV6(g: number[]): boolean {
  const allZeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUntil(7) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  if (allZeroUntil(5) && (g[5] === 0xffff || g[5] === 0)) return isInternalV4((g[6] as number) * 65536 + (g[7] as number)); // mapped / compatible
  const first = g[0] as number;
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first === 0x64 && g[1] === 0xff9b) || (first === 0xfd00 && g[1] === 0x0ec2);
}

/** Classifies the first URL host in `value` (or the value itself as a scheme-less host). */
export function classifyUrlHost(value: string): HostClass | null {
  let v = value.length > 2048 ? value.slice(0, 2048) : value;
  // eslint-disable-next-line no-control-regex -- a range from NUL: 'anything non-ASCII'
  if (/[^\x00-\x7f]/.test(v)) v = v.normalize('NFKC').toLowerCase();
  let authority: string | undefined;
  let evidenceStart = 0;
  const m = URL_START.exec(v);
  if (m) {
    authority = m[2];
    evidenceStart = m.index;
  } else {
    const s = SCHEMELESS.exec(v);
    if (!s) return null;
    authority = s[1];
    // scheme-less values only count for local names, not for every word followed by a slash
    const host = (authority ?? '').replace(/:\d{1,5}$/, '');
    if (!isLocalName(host) && !METADATA_NAMES.test(host) && !/^\[[0-9a-f:.]{2,64}\]$/.test(host)) return null;
  }
  if (!authority) return null;
  const at = authority.lastIndexOf('@');
  let host = at === -1 ? authority : authority.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close === -1 ? host : host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(':');
    if (colon !== -1 && host.indexOf(':', colon + 1) === -1) host = host.slice(0, colon);
  }
  host = host.replace(/\.$/, '');
  const evidence = v.slice(evidenceStart, evidenceStart + 80).trim();
  if (METADATA_NAMES.test(host)) return { kind: 'metadata', host, unusual: false, ipv6: false, evidence };
  if (isLocalName(host)) return { kind: 'local-name', host, unusual: false, ipv6: false, evidence };
  const v6 = parseIPv6(host);
  if (v6) return { kind: isInternalV6(v6) ? 'internal' : 'public-ip', host, unusual: true, ipv6: true, evidence };
  if (/^[0-9a-fx.]{1,64}$/.test(host) && /\d/.test(host)) {
    const v4 = parseIPv4(host);
    if (v4) return { kind: v4.value === 0xa9fea9fe ? 'metadata' : isInternalV4(v4.value) ? 'internal' : 'public-ip', host, unusual: v4.unusual, ipv6: false, evidence };
  }
  return { kind: 'name', host, unusual: false, ipv6: false, evidence };
}
